"""What the workbench asks of the application.

Opening another project, choosing another coder and the dialogs of the other
rooms (new project, import, export, methods appendix, codebook editor, coders, assignment,
packages, merge, training rounds, compare, agreement, help) are not the
workbench's to do: it emits a request and the application's window controller
answers it. The workbench therefore imports no other room, and nothing in
the workbench needs to know how windows are made.

The signals are connected directly (same thread), so ``emit`` returns once the
answer is done: after asking for a modal dialog the window may refresh what the
dialog could have changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class WindowRequests(QObject):
    switch_project = Signal(str, bool)  # path, create the file
    new_project = Signal()  # the new-project assistant
    switch_coder = Signal()
    import_articles = Signal()
    import_annotations = Signal()
    export_data = Signal()
    write_appendix = Signal()  # the methods appendix
    edit_codebook = Signal()
    show_agreement = Signal()
    show_compare = Signal()
    edit_coders = Signal()
    assign_documents = Signal()
    make_packages = Signal()
    merge_packages = Signal()
    training_rounds = Signal()
    show_shortcuts = Signal()
    show_guide = Signal()
    closed = Signal()
