"""Runtime assets (codebooks, demo content, icons, help), installed as
``annotator.resources``; read them through ``annotator.resources_path``."""
