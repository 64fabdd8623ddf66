"""Scenario files -> validated :class:`accord.model.Scenario`.

Every problem in a file is collected and reported with the file name, line,
column, field and a hint; nothing raises past :func:`check_file` except
:class:`ScenarioFileError` from :func:`load_scenario`. Items are validated one
by one so a broken party does not hide a broken plan; follow-on errors that
only echo an earlier one (a reference to a party that failed to parse) are
dropped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path as FsPath
from types import MappingProxyType
from typing import Any, TypeVar

from accord.io import schema as sf
from accord.io.drafting import build_drafting
from accord.io.yamlsource import Document, SourceError, parse_text, yaml_line_count
from accord.model import (
    BatnaBasis,
    Constraint,
    Faction,
    Issue,
    ModelError,
    OneOf,
    Option,
    Party,
    Perspective,
    Phase,
    Plan,
    Problem,
    Profile,
    Reading,
    RedLine,
    Role,
    Rule,
    Scenario,
    ScenarioInvalid,
    Source,
    Spread,
    Table,
    Term,
    Track,
    floor_red_line,
    format_path,
    level_id,
    no_deal_utility,
)
from accord.model.checks import ScenarioDraft, check_quotes, check_scenario
from accord.model.drafting import Drafting
from accord.model.factions import derive_party_profiles
from accord.model.offers import Offer
from accord.model.preferences import ValueGap
from accord.model.problems import Path, Severity
from accord.model.timelines import BatnaPoint, Timeline

M = TypeVar("M", bound=sf.FileModel)
T = TypeVar("T")
Converter = Callable[[Any, Path], Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class FileProblem:
    """A problem located in a file."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def render(self) -> str:
        """``file:line:column: severity: field: message``, then the hint on its own line."""
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        text = f"{loc}: {self.severity}: {self.field}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class ScenarioFileError(ValueError):
    """A scenario file could not be loaded; ``problems`` lists why."""

    def __init__(self, problems: tuple[FileProblem, ...]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(p.render() for p in errors) or "invalid scenario file")


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """The outcome of checking a file: the scenario (if valid) and all problems."""

    file: str
    scenario: Scenario | None
    problems: tuple[FileProblem, ...]

    @property
    def errors(self) -> tuple[FileProblem, ...]:
        """The problems of severity ``error``."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[FileProblem, ...]:
        """The problems of severity ``warning``."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """A scenario was built and no error found."""
        return self.scenario is not None and not self.errors


def load_scenario(path: str | FsPath) -> Scenario:
    """Load and validate a scenario file; raises :class:`ScenarioFileError`."""
    report = check_file(path)
    if report.scenario is None or report.errors:
        raise ScenarioFileError(report.problems)
    return report.scenario


def check_file(path: str | FsPath, *, sources: str | FsPath | None = None) -> Report:
    """Check a scenario file and report every problem found.

    With ``sources`` (a directory) every quote whose source declares a ``file``
    is checked against that file, resolved relative to the directory
    (:func:`accord.model.checks.check_quotes`).
    """
    p = FsPath(path)
    name = str(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        return _fatal(name, "no such file")
    except IsADirectoryError:
        return _fatal(name, "is a directory, not a scenario file")
    except OSError as exc:
        return _fatal(name, f"cannot read: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _fatal(name, f"not UTF-8 text (byte {exc.start})")
    return check_text(text, name=name, json_syntax=p.suffix.lower() == ".json", sources=sources)


def check_text(
    text: str, *, name: str = "<text>", json_syntax: bool = False, sources: str | FsPath | None = None
) -> Report:
    """Check scenario text (YAML or JSON); ``sources``: see :func:`check_file`."""
    try:
        doc = parse_text(text, json_syntax=json_syntax)
    except SourceError as exc:
        line, column = exc.line, exc.column
        last = yaml_line_count(text)
        if line is not None and line > last:  # "unexpected end of file" points past the end
            line, column = last, None
        return Report(
            file=name,
            scenario=None,
            problems=(FileProblem(file=name, line=line, column=column, field="(file)", message=exc.message),),
        )
    return _Builder(doc, name, None if sources is None else FsPath(sources)).run()


def _fatal(name: str, message: str) -> Report:
    return Report(
        file=name,
        scenario=None,
        problems=(FileProblem(file=name, line=None, column=None, field="(file)", message=message),),
    )


def _ignoring_path(convert: Callable[[Any], T]) -> Callable[[Any, Path], T]:
    """A converter that needs only the parsed item, not its path in the file."""

    def wrapped(item: Any, _path: Path) -> T:
        return convert(item)

    return wrapped


class _Builder:
    """Validates a parsed document item by item and builds the scenario from what is sound."""

    def __init__(self, doc: Document, name: str, sources: FsPath | None = None) -> None:
        self.doc = doc
        self.name = name
        self.sources_dir = sources
        self.problems: list[FileProblem] = []
        # file index of each domain item kept, per collection
        self.kept: dict[str, list[int]] = {}
        self.failed_ids: set[str] = set()
        self.numeric_issues: set[str] = set()
        self.issues: dict[str, Issue] = {}
        self.excludes_constraints: set[int] = set()

    # -- reporting -------------------------------------------------------
    def add(
        self,
        path: Path,
        message: str,
        hint: str = "",
        severity: Severity = "error",
        at: tuple[int, int] | None = None,
    ) -> None:
        pos = at or self.doc.position(path)
        self.problems.append(
            FileProblem(
                file=self.name,
                line=pos[0] if pos else None,
                column=pos[1] if pos else None,
                field=format_path(path),
                message=message,
                hint=hint,
                severity=severity,
            )
        )

    # -- main ------------------------------------------------------------
    def run(self) -> Report:
        data = self.doc.data
        for path, line, col in self.doc.duplicates:
            self.add(
                path, f"duplicate key {path[-1]!r}", "each key may appear once in a mapping", at=(line, col)
            )
        if not isinstance(data, dict):
            self.add((), "a scenario file must be a mapping at the top level", "start with 'accord: 1'")
            return self.report(None)
        if "accord" not in data:
            self.add((), "missing format version", "add 'accord: 1' as the first line")
        header = self.validate(
            sf.HeaderFile,
            {k: v for k, v in data.items() if k not in sf.LIST_FIELDS and k not in ("sources", "drafting")},
            (),
        )
        for key in ("parties", "issues"):
            if key not in data:
                self.add((), f"required field {key!r} is missing", f"add a '{key}:' list")
        sources = self.build_sources(data.get("sources"))
        parts = {key: tuple(self.items(data, key, convert)) for key, convert in self.converters().items()}
        return self.finish(header, sources, parts, build_drafting(self, data.get("drafting")))

    def converters(self) -> dict[str, Converter]:
        """Per list field, in build order: issues come before the items that refer to their levels."""
        return {
            "parties": _ignoring_path(_party),
            "tables": _ignoring_path(_table),
            "tracks": _ignoring_path(_track),
            "phases": _ignoring_path(_phase),
            "issues": self.to_issue,
            "rules": self.to_rule,
            "constraints": self.to_constraint,
            "perspectives": _ignoring_path(_perspective),
            "profiles": self.to_profile,
            "plans": self.to_plan,
            "offers": _ignoring_path(_offer),
            "timelines": _ignoring_path(timeline_of),
        }

    def finish(
        self,
        header: sf.HeaderFile | None,
        sources: tuple[Source, ...],
        parts: dict[str, tuple[Any, ...]],
        drafting: Drafting | None = None,
    ) -> Report:
        """Build the scenario if everything parsed; otherwise cross-check what did."""
        parts = {**parts, "perspectives": self.implicit_perspectives(parts)}
        perspectives = parts["perspectives"]
        if header is None or any(p.severity == "error" for p in self.problems):
            # Run the cross-checks anyway on what did parse, so one pass shows everything.
            self.cross_check_only(header, sources, parts)
            return self.report(None)
        if not parts["issues"]:
            self.add(
                ("issues",),
                "no issues declared: there is nothing to negotiate",
                "declare at least one issue with its options (see 'accord init')",
            )
        if not perspectives:
            self.add(
                ("perspectives",),
                "no perspectives declared",
                "declare at least one, e.g. {id: analyst-baseline, name: Analyst baseline}",
            )
        if not parts["issues"] or not perspectives:
            return self.report(None)
        derived = derive_party_profiles(
            parts["parties"], parts["profiles"], parts["issues"], [p.id for p in perspectives]
        )
        parts = {**parts, "profiles": (*parts["profiles"], *derived)}
        try:
            scenario = Scenario(
                accord=header.accord,
                id=header.id,
                title=header.title,
                description=header.description,
                default_perspective=header.default_perspective or perspectives[0].id,
                sources=sources,
                drafting=drafting or Drafting(),
                **parts,
            )
        except ScenarioInvalid as exc:
            self.add_problems(exc.problems)
            return self.report(None)
        self.add_problems(scenario.warnings)
        if self.sources_dir is not None:
            quotes = check_quotes(scenario, _reader(self.sources_dir))
            self.add_problems(quotes)
            if quotes:
                return self.report(None)
        return self.report(scenario)

    def implicit_perspectives(self, parts: dict[str, tuple[Any, ...]]) -> tuple[Perspective, ...]:
        """The declared perspectives, then one per perspective profiles name but nobody declared.

        A file written from a short example may name a perspective in its profiles
        only; it is created with its id as name, and a warning says so.
        """
        declared = {p.id for p in parts["perspectives"]} | self.failed_ids
        implicit: dict[str, Perspective] = {}
        for k, prof in enumerate(parts["profiles"]):
            pid = prof.perspective
            if pid in declared or pid in implicit:
                continue
            implicit[pid] = Perspective(id=pid, name=pid)
            self.add(
                self.file_path(("profiles", k, "perspective")),
                f"perspective {pid!r} is not declared; it is created with its id as name",
                f"declare it under 'perspectives:', e.g. {{id: {pid}, name: ..., owner: ...}}",
                "warning",
            )
        return (*parts["perspectives"], *implicit.values())

    def report(self, scenario: Scenario | None) -> Report:
        order = sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))
        return Report(file=self.name, scenario=scenario, problems=tuple(order))

    def cross_check_only(
        self, header: sf.HeaderFile | None, sources: tuple[Source, ...], parts: dict[str, tuple[Any, ...]]
    ) -> None:
        persp = parts["perspectives"]
        default = (header.default_perspective if header is not None else None) or (
            persp[0].id if persp else None
        )
        draft = ScenarioDraft(sources=sources, default_perspective=default, **parts)
        self.add_problems(check_scenario(draft))

    def add_problems(self, problems: tuple[Problem, ...]) -> None:
        declared = len(self.kept.get("perspectives", ()))
        for prob in problems:
            if (
                prob.path[:1] == ("perspectives",)
                and isinstance(prob.path[1], int)
                and prob.path[1] >= declared
            ):
                continue  # a perspective created for a profile: the loader already warned about it
            if prob.ref is not None and (
                prob.ref in self.failed_ids or prob.ref.split("=")[0] in self.failed_ids
            ):
                continue  # echoes an item that already failed to parse
            self.add(self.file_path(prob.path), prob.message, prob.hint, prob.severity)

    def file_path(self, path: Path) -> Path:
        """Map a domain path (indices into kept items) to a path in the file."""
        if len(path) >= 2 and isinstance(path[1], int) and isinstance(path[0], str):
            coll = path[0]
            kept = self.kept.get(coll)
            if kept is not None and path[1] < len(kept):
                fidx = kept[path[1]]
                rest = list(path[2:])
                if coll == "issues" and rest[:1] == ["options"]:
                    issue = self.doc.data["issues"][fidx]
                    if isinstance(issue, dict) and issue.get("kind") == "numeric":
                        rest[0] = "levels"
                if coll == "constraints" and rest[:1] == ["if"] and fidx in self.excludes_constraints:
                    rest[0] = "excludes"
                return (coll, fidx, *rest)
        return path

    # -- item conversion -------------------------------------------------
    def validate(self, model: type[M], raw: object, path: Path) -> M | None:
        parsed, errors = sf.validate(model, raw)
        for err in errors:
            self.add((*path, *err.loc), err.message, err.hint)
        return parsed

    def items(self, data: dict[str, Any], key: str, convert: Converter) -> list[Any]:
        raw = data.get(key, [])
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            self.add((key,), f"{key!r} must be a list", f"write '{key}:' followed by '- ...' items")
            return []
        model = sf.LIST_FIELDS[key]
        out: list[Any] = []
        kept: list[int] = []
        for k, item in enumerate(raw):
            path: Path = (key, k)
            parsed = self.validate(model, item, path)
            if parsed is None:
                self._remember_failed(item)
                continue
            try:
                obj = convert(parsed, path)
            except ModelError as exc:
                self.add((*path, *exc.field.split(".")), exc.message, exc.hint)
                self._remember_failed(item)
                continue
            except _ItemError:
                self._remember_failed(item)
                continue
            out.append(obj)
            kept.append(k)
        self.kept[key] = kept
        return out

    def _remember_failed(self, item: object) -> None:
        if isinstance(item, dict) and isinstance(item.get("id"), str | int):
            self.failed_ids.add(str(item["id"]))
        if isinstance(item, dict) and isinstance(item.get("party"), str):
            self.failed_ids.add(str(item["party"]))

    def build_sources(self, raw: object) -> tuple[Source, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            self.add(
                ("sources",),
                "'sources' must be a mapping from source id to its description",
                "sources: {pickering-2022: {title: ..., author: ...}}",
            )
            return ()
        out = []
        for key, item in raw.items():
            parsed = self.validate(sf.SourceFile, item, ("sources", key))
            if parsed is None:
                self.failed_ids.add(key)
                continue
            try:
                out.append(
                    Source(
                        id=key,
                        title=parsed.title,
                        author=parsed.author,
                        date=parsed.date,
                        url=parsed.url,
                        file=parsed.file,
                        note=parsed.note,
                        quotes=sf.quote_items(parsed.quotes),
                    )
                )
            except ModelError as exc:
                self.add(("sources", key), exc.message, exc.hint)
                self.failed_ids.add(key)
        return tuple(out)

    def to_rule(self, m: sf.RuleFile, path: Path) -> Rule:
        params: list[tuple[str, Any]] = []
        for key, value in m.params().items():
            if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
                params.append((key, tuple(str(v) for v in value)))
            elif isinstance(value, str | bool) or (isinstance(value, int | float) and math.isfinite(value)):
                params.append((key, value))
            else:
                self.add(
                    (*path, key), "a rule parameter must be a text, a number, true/false or a list of ids"
                )
                raise _ItemError
        return Rule(
            id=m.id,
            kind=m.kind,
            description=m.description,
            exceptions=tuple(m.exceptions),
            params=tuple(params),
            sources=m.source_ids(),
            quotes=m.quote_items(),
        )

    def to_issue(self, m: sf.IssueFile, path: Path) -> Issue:
        if m.kind == "numeric":
            assert m.levels is not None
            self.numeric_issues.add(m.id)
            seen: dict[str, int] = {}
            options = []
            for j, lv in enumerate(m.levels):
                oid = level_id(lv)
                if oid in seen:
                    self.add((*path, "levels", j), f"level {lv!r} appears twice")
                    raise _ItemError
                seen[oid] = j
                options.append(Option(id=oid, level=lv, label=_level_label(lv, m.unit)))
        else:
            assert m.options is not None
            options = []
            for j, o in enumerate(m.options):
                try:
                    options.append(
                        Option(
                            id=o.id,
                            label=o.label,
                            description=o.description,
                            sources=o.source_ids(),
                            quotes=o.quote_items(),
                        )
                    )
                except ModelError as exc:
                    self.add((*path, "options", j, exc.field), exc.message, exc.hint)
                    raise _ItemError from None
        status_quo = None
        if m.status_quo is not None:
            status_quo = _option_key(m.status_quo, m.kind == "numeric")
        issue = Issue(
            id=m.id,
            title=m.title,
            kind=m.kind,
            unit=m.unit,
            options=tuple(options),
            table=m.table,
            track=m.track,
            phase=m.phase,
            status_quo=status_quo,
            description=m.description,
            categories=tuple(m.categories),
            pax=tuple(m.pax),
            sources=m.source_ids(),
            quotes=m.quote_items(),
        )
        self.issues[issue.id] = issue
        return issue

    def condition(self, raw: sf.Condition, path: Path) -> Mapping[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for issue_id, opts in raw.items():
            values = opts if isinstance(opts, list) else [opts]
            if not values:
                self.add((*path, issue_id), "list at least one option")
                raise _ItemError
            numeric = issue_id in self.numeric_issues
            out[issue_id] = tuple(_option_key(v, numeric) for v in values)
        return MappingProxyType(out)

    def to_constraint(self, m: sf.ConstraintFile, path: Path) -> Constraint:
        assert isinstance(path[1], int)
        cid = m.id or f"constraint-{path[1] + 1}"
        if m.excludes is not None:
            self.excludes_constraints.add(path[1])
            return Constraint(
                id=cid,
                kind="excludes",
                if_=self.condition(m.excludes, (*path, "excludes")),
                why=m.why,
                sources=m.source_ids(),
                quotes=m.quote_items(),
            )
        assert m.if_ is not None and m.then is not None
        return Constraint(
            id=cid,
            kind="implies",
            if_=self.condition(m.if_, (*path, "if")),
            then=self.condition(m.then, (*path, "then")),
            why=m.why,
            sources=m.source_ids(),
            quotes=m.quote_items(),
        )

    def to_profile(self, m: sf.ProfileFile, path: Path) -> Profile:
        values: dict[str, Mapping[str, float]] = {}
        for issue_id, vals in m.values.items():
            numeric = issue_id in self.numeric_issues
            values[issue_id] = MappingProxyType({_option_key(k, numeric): v for k, v in vals.items()})
        red_lines = []
        for j, rl in enumerate(m.red_lines):
            rpath = (*path, "red_lines", j)
            if isinstance(rl, sf.RedLineFile):
                red_lines.append(
                    RedLine(
                        terms=self.condition(rl.terms, (*rpath, "terms")),
                        why=rl.why,
                        sources=rl.source_ids(),
                        quotes=rl.quote_items(),
                    )
                )
            else:
                if not rl:
                    self.add(rpath, "a red line needs at least one issue")
                    raise _ItemError
                red_lines.append(RedLine(terms=self.condition(rl, rpath)))
        red_lines.extend(self.floors(m, values, path))
        batna, basis = self.batna(m, values, path)
        return Profile(
            party=m.party,
            faction=m.faction,
            perspective=m.perspective,
            weights=MappingProxyType(dict(m.weights)),
            values=MappingProxyType(values),
            batna=batna,
            batna_basis=basis,
            floors=MappingProxyType(dict(m.floors)),
            red_lines=tuple(red_lines),
            spread=Spread(weights=m.spread.weights, values=m.spread.values, batna=m.spread.batna),
            rationale=m.rationale,
            sources=m.source_ids(),
            quotes=m.quote_items(),
        )

    def term(self, issue_id: str, raw: sf.PlanTerm) -> Term | None:
        """A plan's term in the model: an option id, a :class:`OneOf`, or ``None`` (open)."""
        numeric = issue_id in self.numeric_issues
        if raw is None:
            return None
        listed, why = (raw.one_of, raw.why) if isinstance(raw, sf.OneOfFile) else (raw, "")
        if not isinstance(listed, list):
            return _option_key(listed, numeric)
        if None in listed and not numeric:
            raise ModelError(
                "one_of", "null is no option here", "null names the 'no limit' level of a numeric issue"
            )
        return OneOf(options=tuple(_option_key("none" if v is None else v, numeric) for v in listed), why=why)

    def terms(self, raw: Mapping[str, sf.PlanTerm], path: Path) -> dict[str, Term | None]:
        out: dict[str, Term | None] = {}
        for issue_id, value in raw.items():
            try:
                out[issue_id] = self.term(issue_id, value)
            except ModelError as exc:
                self.add((*path, issue_id), exc.message, exc.hint)
                raise _ItemError from None
        return out

    def floors(
        self, m: sf.ProfileFile, values: Mapping[str, Mapping[str, float]], path: Path
    ) -> list[RedLine]:
        """The red lines the profile's per-issue floors compile into (see :func:`floor_red_line`)."""
        out = []
        holder = m.party if m.faction is None else f"{m.party}.{m.faction}"
        for issue_id, floor in m.floors.items():
            fpath = (*path, "floors", issue_id)
            issue = self.issues.get(issue_id)
            if issue is None:
                known = ", ".join(sorted(self.issues)[:12])
                self.add(fpath, f"unknown issue {issue_id!r}", f"known issue ids: {known}")
                raise _ItemError
            try:
                rl = floor_red_line(issue, floor, values.get(issue_id, {}), holder)
            except ValueGap as gap:
                self.add(fpath, "a floor needs a value for every option: none for " + ", ".join(gap.missing))
                raise _ItemError from None
            except ModelError as exc:
                self.add(fpath, exc.message, exc.hint)
                raise _ItemError from None
            if rl is not None:
                out.append(rl)
        return out

    def batna(
        self, m: sf.ProfileFile, values: Mapping[str, Mapping[str, float]], path: Path
    ) -> tuple[float, BatnaBasis]:
        """The resolved BATNA and how it was stated (see :class:`accord.model.BatnaBasis`).

        A BATNA relative to no deal needs every weighted issue to have a status
        quo (else an error on ``batna.no_deal``) and must resolve within 0-100.
        """
        raw = m.batna
        try:
            no_deal: float | None = no_deal_utility(self.issues, m.weights, values)
        except (KeyError, ValueGap):
            no_deal = None  # an unknown issue or a missing value: the cross-checks report it
        except ModelError as exc:
            # No weights is the profile's own error; no status quo is this BATNA's, if anchored.
            if m.weights and isinstance(raw, sf.BatnaFile) and raw.no_deal is not None:
                self.add((*path, "batna", "no_deal"), exc.message, exc.hint)
                raise _ItemError from None
            no_deal = None
        if not isinstance(raw, sf.BatnaFile):
            return float(raw), BatnaBasis(no_deal_utility=no_deal)
        if raw.value is not None:
            return float(raw.value), BatnaBasis(why=raw.why, no_deal_utility=no_deal)
        assert raw.no_deal is not None
        if no_deal is None:
            return 0.0, BatnaBasis(kind="value", why=raw.why)  # the cross-checks report why
        resolved = no_deal + raw.no_deal
        if not 0 <= resolved <= 100:
            self.add(
                (*path, "batna", "no_deal"),
                f"no deal ({no_deal:.4g}) {raw.no_deal:+g} gives a BATNA of {resolved:.4g}, outside 0-100",
            )
            raise _ItemError
        basis = BatnaBasis(kind="no_deal", offset=raw.no_deal, why=raw.why, no_deal_utility=no_deal)
        return resolved, basis

    def to_plan(self, m: sf.PlanFile, path: Path) -> Plan:
        # An explicit null leaves the issue open, as leaving it out does.
        terms = {k: v for k, v in self.terms(m.terms, (*path, "terms")).items() if v is not None}
        readings = []
        for j, r in enumerate(m.readings):
            rterms = self.terms(r.terms, (*path, "readings", j, "terms"))
            readings.append(
                Reading(
                    id=r.id,
                    title=r.title,
                    terms=MappingProxyType(rterms),
                    note=r.note,
                    sources=r.source_ids(),
                    quotes=r.quote_items(),
                )
            )
        return Plan(
            id=m.id,
            title=m.title,
            terms=MappingProxyType(terms),
            proposers=m.proposer_ids(),
            drafted_by=tuple(m.drafted_by),
            date=m.date,
            status=m.status,
            notes=m.notes,
            readings=tuple(readings),
            sources=m.source_ids(),
            quotes=m.quote_items(),
        )


def _reader(directory: FsPath) -> Callable[[str], str]:
    """Read a source file named relative to ``directory`` (UTF-8, undecodable bytes replaced)."""

    def read(name: str) -> str:
        return (directory / name).read_text(encoding="utf-8", errors="replace")

    return read


class _ItemError(Exception):
    """An item had a problem that was already reported."""


def _option_key(value: str | int | float, numeric: bool) -> str:
    """The option id a file value refers to (numeric levels written as numbers)."""
    text = str(value)
    if not numeric:
        return text
    if text in {"none", "null", "~", "Null", "NULL"}:
        return "none"
    try:
        number = float(text)
    except ValueError:
        return text
    return level_id(number) if math.isfinite(number) else text


def _level_label(level: float | None, unit: str) -> str:
    if level is None:
        return "no limit"
    shown = f"{int(level):,}" if float(level).is_integer() else f"{level:g}"
    return f"{shown} {unit}".strip()


def _party(m: sf.PartyFile) -> Party:
    return Party(
        id=m.id,
        name=m.name,
        role=Role(m.role),
        description=m.description,
        factions=tuple(
            Faction(id=f.id, name=f.name, description=f.description, weight=f.weight) for f in m.factions
        ),
        sources=m.source_ids(),
        quotes=m.quote_items(),
    )


def _table(m: sf.TableFile) -> Table:
    return Table(
        id=m.id,
        name=m.name,
        parties=tuple(m.parties),
        description=m.description,
        sources=m.source_ids(),
        quotes=m.quote_items(),
    )


def timeline_of(m: sf.TimelineFile) -> Timeline:
    """A timeline in the model (:mod:`accord.model.timelines`)."""
    return Timeline(
        id=m.id, name=m.name, months=m.months, description=m.description, sources=m.source_ids(),
        batna={party: tuple(BatnaPoint(month=p.month, shift=p.shift) for p in points)
               for party, points in m.batna.items()},
    )  # fmt: skip


def _track(m: sf.TrackFile) -> Track:
    return Track(
        id=m.id, name=m.name, description=m.description, sources=m.source_ids(), quotes=m.quote_items()
    )


def _phase(m: sf.PhaseFile) -> Phase:
    return Phase(
        id=m.id, name=m.name, description=m.description, sources=m.source_ids(), quotes=m.quote_items()
    )


def _perspective(m: sf.PerspectiveFile) -> Perspective:
    return Perspective(
        id=m.id,
        name=m.name,
        owner=m.owner,
        description=m.description,
        as_of=m.as_of,
        attribution=m.attribution,
        kind=m.kind,
        mirror=m.mirror,
        parties=tuple(m.parties),
        sources=m.source_ids(),
        quotes=m.quote_items(),
    )


def _offer(m: sf.OfferFile) -> Offer:
    return Offer(
        id=m.id,
        by=m.by,
        terms=tuple(m.terms.items()),
        executed=m.executed,
        description=m.description,
        sources=m.source_ids(),
        quotes=m.quote_items(),
    )
