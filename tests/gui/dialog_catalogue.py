"""Every window and dialog of the program, built on a workbench window the
way the window controller builds it, for the tests that walk them all (keys,
laptop screens) and the screenshots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget


def _preferences(window) -> QWidget:
    from annotator.gui.app.preferences import PreferencesDialog

    return PreferencesDialog(window.prefs, window)


def _note(window) -> QWidget:
    from annotator.gui.workbench.note_dialog import NoteDialog

    return NoteDialog("Residents of Aleppo said the strikes hit a market", "", window)


def _quick_picker(window) -> QWidget:
    from annotator.gui.workbench.quick_picker import QuickPicker

    return QuickPicker(window.codebook, window, title="Apply a code")


def _codebook_editor(window) -> QWidget:
    from annotator.gui.codebook.codebook_editor import CodebookEditorDialog

    return CodebookEditorDialog(window.project, window)


def _import(window) -> QWidget:
    from annotator.gui.importing.import_dialog import ImportDialog

    return ImportDialog(window.project, window)


def _export(window) -> QWidget:
    from annotator.gui.exchange.export_dialog import ExportDialog

    return ExportDialog(window.project, window)


def _import_annotations(window) -> QWidget:
    from annotator.gui.exchange.import_annotations_dialog import ImportAnnotationsDialog

    return ImportAnnotationsDialog(window.project, window)


def _agreement(window) -> QWidget:
    from annotator.gui.agreement.agreement_dashboard import AgreementDashboard

    return AgreementDashboard(window.project, window, open_document=window.open_document)


def _sample_plan(window) -> QWidget:
    from annotator.gui.agreement.sample_plan_dialog import SamplePlanDialog

    return SamplePlanDialog(window)


def _compare(window) -> QWidget:
    from annotator.gui.compare.compare_view import CompareView

    return CompareView(window.project, window, document_id=window.document_id)


def _shortcuts(window) -> QWidget:
    from annotator.gui.help.help_browser import ShortcutSheet

    return ShortcutSheet(window.shortcut_sections(), window)


def _guide(window) -> QWidget:
    from annotator.gui.help.help_browser import HelpBrowser

    return HelpBrowser(window)


def _project_chooser(window) -> QWidget:
    from annotator.gui.app.start_dialogs import ProjectChooser

    return ProjectChooser(window)


def _coder_chooser(window) -> QWidget:
    from annotator.gui.app.start_dialogs import CoderChooser

    return CoderChooser(window.project.coders(), window.coder.id, window)


def _crash(window) -> QWidget:
    from annotator.gui.app.crash_dialog import CrashDialog

    return CrashDialog("Something went wrong while saving.", "Traceback (most recent call last): …", window)


def _new_project(window) -> QWidget:
    from annotator.gui.project_setup.new_project_dialog import NewProjectDialog

    return NewProjectDialog(window, folder=window.project.path.parent)


def _codebook_file(window) -> QWidget:
    from pathlib import Path

    from annotator.gui.codebook.yaml_preview_dialog import CodebookFileDialog
    from annotator.resources_path import resource

    return CodebookFileDialog(
        Path(str(resource("codebooks", "news_frames.yaml"))), len(window.codebook), window
    )


def _builtin_codebook(window) -> QWidget:
    from annotator.gui.codebook.builtin_dialog import BuiltinCodebookDialog

    return BuiltinCodebookDialog(len(window.codebook), window)


def _coders(window) -> QWidget:
    from annotator.gui.team.coders_dialog import CodersDialog

    return CodersDialog(window.project, window)


def _assign(window) -> QWidget:
    from annotator.gui.team.assign_dialog import AssignDialog

    return AssignDialog(window.project, window)


def _packages(window) -> QWidget:
    from annotator.gui.team.packages_dialog import PackagesDialog

    return PackagesDialog(window.project, window)


def _merge(window) -> QWidget:
    from annotator.gui.team.merge_dialog import MergeDialog

    return MergeDialog(window.project, window)


def _merge_codes(window) -> QWidget:
    from annotator.gui.codebook.operation_dialogs import MergeCodesDialog

    leaves = [c.id for c in window.codebook.leaves("span")][:2]
    return MergeCodesDialog(window.codebook, leaves, "Merged code", window)


def _split_code(window) -> QWidget:
    from annotator.gui.codebook.operation_dialogs import SplitCodeDialog

    first = window.codebook.leaves("span")[0].id
    return SplitCodeDialog(window.codebook, first, ["First part", "Second part"], window)


def _codebook_versions(window) -> QWidget:
    from annotator.gui.codebook.versions_dialog import CodebookVersionsDialog

    return CodebookVersionsDialog(window.project, window)


def _migrate_codings(window) -> QWidget:
    from annotator.gui.codebook.migration_dialog import MigrationDialog

    return MigrationDialog(window.project, window)


def _appendix(window) -> QWidget:
    from annotator.gui.exchange.appendix_dialog import AppendixDialog

    return AppendixDialog(window.project, window)


def _training_rounds(window) -> QWidget:
    from annotator.gui.reliability.training_rounds_dialog import TrainingRoundsDialog

    return TrainingRoundsDialog(window.project, window)


def _new_training_round(window) -> QWidget:
    from annotator.gui.reliability.new_round_dialog import NewRoundDialog

    return NewRoundDialog(window.project, window)


# name -> factory; the workbench itself is "workbench"
DIALOGS: dict[str, Callable[[QWidget], QWidget]] = {
    "preferences": _preferences,
    "note": _note,
    "quick_picker": _quick_picker,
    "codebook_editor": _codebook_editor,
    "import_dialog": _import,
    "export_dialog": _export,
    "import_annotations": _import_annotations,
    "agreement_dashboard": _agreement,
    "sample_plan": _sample_plan,
    "compare_view": _compare,
    "shortcut_sheet": _shortcuts,
    "user_guide": _guide,
    "project_chooser": _project_chooser,
    "coder_chooser": _coder_chooser,
    "crash_dialog": _crash,
    "new_project": _new_project,
    "builtin_codebook": _builtin_codebook,
    "codebook_file": _codebook_file,
    "coders": _coders,
    "assign": _assign,
    "coder_packages": _packages,
    "merge_packages": _merge,
    "merge_codes": _merge_codes,
    "split_code": _split_code,
    "codebook_versions": _codebook_versions,
    "migrate_codings": _migrate_codings,
    "appendix": _appendix,
    "training_rounds": _training_rounds,
    "new_training_round": _new_training_round,
}
