"""The agreement dashboard: reliability per code, chart and documents table."""
