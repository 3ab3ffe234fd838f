"""What every command shares: reading drafts, writing outputs, exit codes, errors."""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from clausekit.errors import ClauseKitError, ClauseKitWarning

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_ERROR = 2

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    """Print one error and exit 2."""
    click.echo(message, err=True)
    sys.exit(EXIT_ERROR)


def handle_errors(function: F) -> F:
    """Turn every error a user can cause into its message and exit 2; never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # A warning about an output that was still written (characters a Word file cannot
        # hold, ...) prints as one line, not as Python's "file.py:200: ..." and source line.
        caught: list[warnings.WarningMessage] = []
        try:
            with warnings.catch_warnings(record=True) as caught:  # type: ignore[assignment]
                warnings.simplefilter("always")
                return _run(function, args, kwargs)
        finally:
            for warning in caught:
                if issubclass(warning.category, ClauseKitWarning):
                    click.echo(f"clausekit: warning: {warning.message}", err=True)
                else:
                    warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)

    return wrapper  # type: ignore[return-value]


def _run(function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Call a command; every error a user can cause becomes its message and an exit code."""
    try:
        return function(*args, **kwargs)
    except ClauseKitError as error:
        fail(error.render())
    except BrokenPipeError:
        # The reader went away (clausekit diff ... | head): not an error of ours.
        sys.stderr.close()
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except RecursionError:
        fail("clausekit: the input nests too deeply to process")
    except MemoryError:
        fail("clausekit: out of memory")


def format_option(choices: Iterable[str], default: str) -> Callable[[F], F]:
    """``--format/-f`` with the project's format names and their aliases. Every command chooses
    its format the same way (``clausekit.render.formats.choose``): the one named, else the one
    the ``-o`` file's suffix says, else ``default``."""
    from clausekit.render import formats

    names = tuple(choices)

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def chosen(*args: Any, **kwargs: Any) -> Any:
            kwargs["output_format"] = formats.choose(kwargs.get("output_format"), kwargs.get("output"), names, default)
            return function(*args, **kwargs)

        option = click.option(
            "--format",
            "-f",
            "output_format",
            type=click.Choice(formats.accepted_names(names), case_sensitive=False),
            default=None,
            help=f"Output format (default: as the -o file's suffix says, else {default}).",
        )
        return option(chosen)  # type: ignore[return-value]

    return decorate


def output_option() -> Callable[[F], F]:
    return click.option(
        "--output",
        "-o",
        "output",
        type=click.Path(dir_okay=False, allow_dash=True),
        default=None,
        help="Write to this file (atomically) instead of standard output; '-' is standard output.",
    )


def template_files(folder: str) -> list[Path]:
    """The files of a ``--templates`` folder: they are inputs, never to be written over."""
    root = Path(folder)
    return [path for path in root.rglob("*") if path.is_file()] if root.is_dir() else []


def emit(
    data: str | bytes | Iterator[str],
    output: str | None,
    inputs: Iterable[str | Path] = (),
    color: bool | None = None,
) -> None:
    """Send an output where the user asked: stdout, or a file written atomically.

    Binary outputs (DOCX) need a file; an output path that is one of the inputs is refused.
    ``color=True`` keeps ANSI colours on standard output even when it is not a terminal
    (``--color=always``); by default click strips them there. An iterator of text chunks
    is written as it comes (large outputs).
    """
    from clausekit.cli.outputs import refuse_input_as_output, write_atomic
    from clausekit.errors import UsageError

    if output is None or output == "-":
        if isinstance(data, bytes):
            if sys.stdout.isatty():
                raise UsageError("this format is binary: name a file with -o FILE (or send it down a pipe)")
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        elif isinstance(data, str):
            click.echo(data, nl=not data.endswith("\n"), color=color)
        else:
            for chunk in data:
                sys.stdout.write(chunk)
            sys.stdout.flush()
        return
    refuse_input_as_output(output, inputs)
    write_atomic(output, data)


def color_option(help: str) -> Callable[[F], F]:
    """``--color/--colour auto|always|never``."""
    return click.option(
        "--color",
        "--colour",
        "color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help=help,
    )


def comparison_options(function: F) -> F:
    """What a diff may ignore: ``--ignore-case``, ``--ignore-punctuation``, ``--ignore-quotes``."""
    for option in reversed(
        (
            click.option("--ignore-case", is_flag=True, help="Words that differ only in case are the same."),
            click.option(
                "--ignore-punctuation", is_flag=True, help="Differences of punctuation alone are not changes."
            ),
            click.option("--ignore-quotes", is_flag=True, help="Typographic and straight quotes are the same."),
        )
    ):
        function = option(function)
    return function
