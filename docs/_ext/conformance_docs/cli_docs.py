"""The command line, documented from its own parser (``flask_conformance.cli.build_parser``).

``cli-reference``
    every command with its usage and options (anchors ``cli-<command>-<option>``);
``cli-exit-statuses``
    the exit statuses, read from the parser's epilog;
``cli-option-status``
    ``.. cli-option-status:: run --expectations`` followed by text about that option: shown as
    available when the option exists in this version's CLI, else marked as coming in the next
    release (and tagged ``planned`` so the docs tests do not require the option to exist).
"""

from __future__ import annotations

import argparse
import functools
import re
from typing import Dict, List, Tuple

from docutils import nodes

from .chapters import GeneratedDirective
from .util import code_block, literal, paragraph, register_id, table, text_with_options

STATUS_LINE = re.compile(r"^\s{1,4}(\d+)\s+(\S.*)$")
WIDTH = 88


def parser() -> argparse.ArgumentParser:
    from flask_conformance.cli import build_parser

    return build_parser()


def exit_statuses(epilog: str) -> List[Tuple[int, str]]:
    """(status, meaning) pairs from an ``exit status:`` epilog; continuation lines are joined."""
    found: List[Tuple[int, str]] = []
    for line in (epilog or "").splitlines():
        match = STATUS_LINE.match(line)
        if match:
            found.append((int(match.group(1)), match.group(2).strip()))
        elif found and line.strip() and line.startswith(" "):
            code, text = found[-1]
            found[-1] = (code, f"{text} {line.strip()}")
    return found


def subcommands(main: argparse.ArgumentParser) -> Dict[str, Tuple[str, argparse.ArgumentParser]]:
    """Command name -> (one-line help, its parser), in the order the CLI declares them."""
    found: Dict[str, Tuple[str, argparse.ArgumentParser]] = {}
    for action in main._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                found[name] = (helps.get(name) or "", sub)
    return found


def options(command: argparse.ArgumentParser) -> List[argparse.Action]:
    return [a for a in command._actions if not isinstance(a, argparse._SubParsersAction)]


def known_option_strings(main: argparse.ArgumentParser) -> Dict[str, set]:
    """Option strings per command (``""`` for the top level)."""
    known = {"": {s for a in options(main) for s in a.option_strings}}
    for name, (_, sub) in subcommands(main).items():
        known[name] = {s for a in options(sub) for s in a.option_strings}
    return known


def usage(command: argparse.ArgumentParser) -> str:
    command.formatter_class = functools.partial(argparse.RawDescriptionHelpFormatter, width=WIDTH)
    return command.format_usage().strip()


def _help(action: argparse.Action, prog: str) -> str:
    text = action.help or ""
    if text == argparse.SUPPRESS:
        return ""
    try:
        return text % dict(vars(action), prog=prog)
    except (KeyError, TypeError, ValueError):
        return text


def _signature(action: argparse.Action) -> List[nodes.Node]:
    if not action.option_strings:
        metavar = action.metavar or action.dest
        return [literal(metavar if isinstance(metavar, str) else " ".join(metavar), ["cli-argument"])]
    parts: List[nodes.Node] = []
    takes_value = action.nargs != 0
    if takes_value:
        if action.metavar is not None:
            value = action.metavar
        elif action.choices is not None:
            value = "{" + ",".join(str(c) for c in action.choices) + "}"
        else:
            value = action.dest.upper()
    for index, option in enumerate(action.option_strings):
        if index:
            parts.append(nodes.Text(", "))
        parts.append(literal(option, ["cli-option"]))
        if takes_value:
            parts.append(nodes.Text(" "))
            parts.append(nodes.emphasis(value, value))
    return parts


def _default(action: argparse.Action) -> str:
    default = action.default
    if default in (None, False, [], argparse.SUPPRESS) or action.nargs == 0:
        return ""
    return str(default)


def option_table(prog_name: str, anchor_prefix: str, command: argparse.ArgumentParser, document, location):
    rows = []
    for action in options(command):
        key = action.option_strings[-1].lstrip("-") if action.option_strings else action.dest
        anchor = f"{anchor_prefix}-{key}"
        rows.append(([anchor], [_signature(action), _default(action),
                                text_with_options(_help(action, prog_name))]))
    return table(["Option", "Default", "Meaning"], rows, classes=["cli-options"], widths=[3, 1, 5],
                 document=document)


class CliReference(GeneratedDirective):
    """``.. cli-reference::``: one section per command, generated from the parser."""

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        main = parser()
        output: List[nodes.Node] = []
        intro = nodes.section()
        register_id(self.state.document, intro, "cli-main", self.get_location())
        intro += nodes.title("", "", literal(main.prog))
        intro += paragraph(*text_with_options(main.description or ""))
        intro += code_block(usage(main), language="text")
        intro += option_table(main.prog, "cli-main", main, self.state.document, self.get_location())
        commands = [[[literal(f"{main.prog} {name}")], help_text] for name, (help_text, _) in subcommands(main).items()]
        intro += table(["Command", "What it does"], commands, classes=["cli-commands"], widths=[2, 5])
        output.append(intro)
        for name, (help_text, sub) in subcommands(main).items():
            section = nodes.section()
            register_id(self.state.document, section, f"cli-{name}", self.get_location())
            section += nodes.title("", "", literal(f"{main.prog} {name}"))
            section += paragraph(*text_with_options(sub.description or help_text))
            section += code_block(usage(sub), language="text")
            section += option_table(sub.prog, f"cli-{name}", sub, self.state.document, self.get_location())
            output.append(section)
        return output


class CliExitStatuses(GeneratedDirective):
    """``.. cli-exit-statuses::``: the statuses ``run --help`` documents, as a table."""

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        run_parser = subcommands(parser())["run"][1]
        rows = [[[literal(str(code), ["exit-status"])], text_with_options(text)]
                for code, text in exit_statuses(run_parser.epilog)]
        return [table(["Exit status", "Meaning"], rows, classes=["exit-statuses"], widths=[1, 6])]


class CliOptionStatus(GeneratedDirective):
    """``.. cli-option-status:: COMMAND OPTION`` with content about the option."""

    required_arguments = 2
    has_content = True

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        command, option = self.arguments
        known = known_option_strings(parser())
        present = option in known.get(command, set())
        if present:
            box = nodes.admonition(classes=["cli-option-available"])
            title = f"Available: flask-conformance {command} {option}"
        else:
            box = nodes.admonition(classes=["planned", "cli-option-planned"])
            title = f"Coming in the next release: flask-conformance {command} {option}"
        box += nodes.title(title, title)
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


def setup(app) -> None:
    app.add_directive("cli-reference", CliReference)
    app.add_directive("cli-exit-statuses", CliExitStatuses)
    app.add_directive("cli-option-status", CliOptionStatus)
