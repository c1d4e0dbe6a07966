"""Packaging glue that pyproject.toml cannot express: the top-level ``resources/`` folder (the
project's layout) ships as the package ``chairlog.resources``.

``[tool.setuptools.packages.find]`` only finds packages under ``chairlog/``, so the packages
are listed here with the ``package-dir`` mapping (data-only folders such as the migrations and
the resources' sub-folders are namespace packages); everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

EXCLUDE = ["*__pycache__*"]
packages = find_namespace_packages(include=["chairlog", "chairlog.*"], exclude=EXCLUDE)
resources = ["chairlog.resources"] + [
    f"chairlog.resources.{p}" for p in find_namespace_packages(where="resources", exclude=EXCLUDE)
]

setup(packages=packages + resources, package_dir={"chairlog.resources": "resources"})
