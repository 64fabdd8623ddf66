"""Draft agreements as one self-contained HTML page (Jinja2, autoescaped).

Every value reaches the page through Jinja2's autoescaping, so labels and
clause text that contain ``<``, ``&`` or quotes are shown as written and never
read as HTML. Anchors give each article an id for the table of contents and
the cross-references.
"""

from __future__ import annotations

from accord.report.documents import view
from accord.workbench.instruments import DraftResult

_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Draft agreements: {{ r.package_title }}</title>
<style>
body { font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.5; padding: 0 1em; }
.note { font-style: italic; color: #555; } .alt { border-left: 3px solid #b00; padding-left: .6em; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: .2em .5em; }
</style></head><body>
<h1>Draft agreements: {{ r.package_title }}</h1>
<p class="note">{{ disclaimer }}</p>
<ul><li>Scenario: <code>{{ r.scenario }}</code></li><li>Package: <code>{{ r.package }}</code></li>
<li>Authentic languages: {{ languages }}</li></ul>
<nav><h2>Contents</h2><ul>
{% for ins in r.instruments %}<li><a href="#{{ ins.kind }}">{{ ins.title }}</a><ul>
{% for a in ins.articles %}<li><a href="#{{ view.anchor(ins, a) }}">{{ view.article_title(a) }}</a></li>
{% endfor %}</ul></li>
{% endfor %}<li><a href="#trace">Annex: trace of every article</a></li>
{% if r.landmines %}<li><a href="#landmines">Annex: land mines</a></li>{% endif %}
{% if r.previous is not none %}<li><a href="#changes">Annex: changes from the previous version</a></li>
{% endif %}
</ul></nav>
{% for ins in r.instruments %}
<section id="{{ ins.kind }}"><h2>{{ ins.title }}</h2>
{% if ins.witnesses %}<p>Witnesses: {{ ins.witnesses | join(", ") }}</p>{% endif %}
{% for line in ins.preamble %}<p>{{ line }}</p>
{% endfor %}
{% for a in ins.articles %}<article id="{{ view.anchor(ins, a) }}"><h3>{{ view.article_title(a) }}</h3>
{% if a.kind == "bracketed" %}{% for alt in a.alternatives %}
<p class="alt">[{{ view.alternative_head(loop.index0, alt) }}: {{ alt.text }}]</p>
{% endfor %}{% else %}<p>{{ a.text }}</p>{% endif %}
{% for n in view.notes(a) %}<p class="note">{{ n }}</p>{% endfor %}
</article>
{% endfor %}
{% if view.silent_line(ins) %}<p class="note">{{ view.silent_line(ins) }}</p>{% endif %}
</section>
{% endfor %}
<section id="trace"><h2>Annex: trace of every article</h2>
<table><tr><th>instrument</th><th>article</th><th>issue</th><th>option</th><th>wording</th></tr>
{% for row in view.trace_rows(r) %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</table></section>
{% if r.landmines %}<section id="landmines"><h2>Annex: land mines</h2>
<p>Articles whose meaning differs between readings of the plan (Pickering 2022): a clause two sides would
sign with different meanings.</p>
{% for m in r.landmines %}<h3>{{ view.mine_where(r, m) }}</h3><ul>
{% for variant, text in m.meanings %}<li>{{ variant }}: {{ text }}</li>{% endfor %}</ul>
{% endfor %}
<p>Utility and verdict per reading (perspective {{ r.perspective }}):</p>
<table><tr>{% for h in verdicts[0] %}<th>{{ h }}</th>{% endfor %}</tr>
{% for row in verdicts[1] %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}
</table></section>{% endif %}
{% if r.previous is not none %}<section id="changes"><h2>Annex: changes from the previous version</h2>
<p>From {{ r.previous }} to {{ r.package }}: deleted words struck through, new words underlined.</p>
{% for c in r.changes %}<h3>{{ view.change_where(r, c) }}</h3><p>
{% for op, text in view.word_diff(c.before, c.after) %}{% if op == "-" %}<del>{{ text }}</del>
{% elif op == "+" %}<ins>{{ text }}</ins>{% else %}{{ text }}{% endif %} {% endfor %}</p>
{% else %}<p>No article changed.</p>{% endfor %}</section>{% endif %}
{% if r.sources %}<section id="sources"><h2>Sources</h2><ul>
{% for key, cite in r.sources %}<li>{{ key }}: {{ cite }}</li>{% endfor %}</ul></section>{% endif %}
</body></html>
"""


def render_html(result: DraftResult) -> str:
    """The page; every value autoescaped."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    langs = result.instruments[0].languages if result.instruments else ()
    return env.from_string(_TEMPLATE).render(
        r=result,
        view=view,
        disclaimer=view.DISCLAIMER,
        languages=", ".join(langs),
        verdicts=view.verdict_table(result),
    )
