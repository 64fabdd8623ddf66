"""``python -m accord.cli``: the command line from a checkout."""

from accord.cli.app import main

if __name__ == "__main__":
    main()
