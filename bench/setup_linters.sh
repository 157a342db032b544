#!/usr/bin/env bash
# Install the two linters `python bench/run.py --linters` compares `mkdocs-spec check` against:
#   - pymarkdown (PyPI: pymarkdownlnt), into the Python environment that runs this script's `python`
#   - markdownlint-cli2 (npm), into bench/node_modules (ignored by git)
# Usage: bash bench/setup_linters.sh   (from any folder; uses $PYTHON, else `python`)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python}"
PYMARKDOWN_VERSION="${PYMARKDOWN_VERSION:-0.9.41}"
MARKDOWNLINT_CLI2_VERSION="${MARKDOWNLINT_CLI2_VERSION:-0.24.1}"

"$python" -m pip install --quiet "pymarkdownlnt==${PYMARKDOWN_VERSION}"
# --no-save: no package.json or lock file is written into bench/; only bench/node_modules.
npm install --silent --no-save --no-audit --no-fund --prefix "$here" \
    "markdownlint-cli2@${MARKDOWNLINT_CLI2_VERSION}"

"$python" -m pymarkdown version
"$here/node_modules/.bin/markdownlint-cli2" --help 2>&1 | head -n 1
