"""Package discovery only; everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["annotator", "annotator.*"]) + ["annotator.resources"],
    package_dir={"annotator.resources": "resources"},
    package_data={"annotator.resources": ["*", "**/*"]},
    include_package_data=False,
)
