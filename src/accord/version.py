"""accord's version, on the ground floor so that any layer may read it.

The package root re-exports it as ``accord.__version__``; modules inside the
package import it from here, since importing the root (the notebook facade,
which lazily imports every layer) from inside would make an import cycle.
"""

__version__ = "0.1.0"
