"""One module per input format; importing this package registers them all."""

from annotator.ingest.readers import (  # noqa: F401
    docx_reader,
    html_reader,
    json_reader,
    multi_article,
    pdf_reader,
    spreadsheet_reader,
    table_reader,
    text_reader,
)
