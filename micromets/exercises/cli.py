"""The ``exercise`` sub-commands (filled in by the exercise tools)."""


def add_exercise_commands(commands) -> None:
    """Register ``exercise build|random|grade`` on the CLI's sub-command group."""
