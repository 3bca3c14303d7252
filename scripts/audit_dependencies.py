"""Audit the pinned requirements for known vulnerabilities: fail when a fixed release exists.

Runs pip-audit against requirements.txt and requirements-dev.txt (PyPI's
vulnerability data) and exits 1 when any pinned package has a known
vulnerability with a fix version, printing package, version, advisory and fix;
a vulnerability without a fix is listed but does not fail (nothing to upgrade
to).  Packages the service could not look up are counted and named: with
``--require-coverage`` (CI where PyPI's JSON API is reachable) any such gap fails
too, because an audit that looked at nothing proves nothing.

    python scripts/audit_dependencies.py [--require-coverage]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


def audit() -> dict:
    files = [arg for name in REQUIREMENTS for arg in ("-r", str(REPO / name))]
    command = [sys.executable, "-m", "pip_audit", *files, "--vulnerability-service", "pypi",
               "--progress-spinner", "off", "--format", "json"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if not result.stdout.strip():
        raise SystemExit(f"pip-audit gave no report (exit {result.returncode}): {result.stderr}")
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require-coverage", action="store_true")
    args = parser.parse_args(argv)
    dependencies = audit()["dependencies"]
    skipped = [d["name"] for d in dependencies if "skip_reason" in d]
    fixable = []
    for dependency in dependencies:
        for vulnerability in dependency.get("vulns", []):
            fixes = ", ".join(vulnerability.get("fix_versions", [])) or "none yet"
            print(f"{dependency['name']} {dependency['version']}: {vulnerability['id']} "
                  f"(fixed in {fixes})")  # fmt: skip
            fixable += [dependency["name"]] if vulnerability.get("fix_versions") else []
    audited = len(dependencies) - len(skipped)
    print(f"audited {audited} of {len(dependencies)} pinned packages; "
          f"{len(fixable)} with a fixable vulnerability")  # fmt: skip
    if skipped:
        print(f"not looked up (vulnerability service unreachable or package unknown): "
              f"{', '.join(sorted(skipped))}")  # fmt: skip
    if fixable or (args.require_coverage and skipped):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
