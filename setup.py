"""Packaging glue that pyproject.toml cannot express: the top-level ``resources/`` folder (the
project's layout) ships as the package ``chairlog.resources``.

``[tool.setuptools.packages.find]`` only finds packages under ``chairlog/``, so the resources
package is added here together with the ``package-dir`` mapping; everything else is declared in
pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["chairlog", "chairlog.*"]), "chairlog.resources"],
    package_dir={"chairlog.resources": "resources"},
)
