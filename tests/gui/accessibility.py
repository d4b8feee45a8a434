"""A check shared by the GUI tests: every control a screen reader can reach
carries an accessible name."""

from __future__ import annotations


def unnamed_controls(window) -> list[str]:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit)
    return [
        type(w).__name__
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds)
        and not isinstance(w, QHeaderView)  # headers are named by their items
        and w.objectName() != "qt_tableview_cornerbutton"
        and w.window() is window  # not the item views of combo box pop-ups
        and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))  # their inner line edits
        and not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())
    ]
