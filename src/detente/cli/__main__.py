"""``python -m detente.cli``: the same command as the ``detente`` script."""

from detente.cli import main

main()
