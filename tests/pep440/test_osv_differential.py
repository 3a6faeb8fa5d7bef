"""OSV range evaluation: analysis/dependencies/osv against the schema's pseudocode in Python.

The reference below is the OSV schema's `IsVulnerable` (its "Evaluation" section) transcribed
line by line, with `packaging.version.Version` as PyPI's order and the choices Vigil documents
where the schema is silent (osv.hpp): at one version an `introduced` event sorts before the others;
events whose version is not PEP 440, or that carry two kinds, are left out; GIT ranges do not apply
to releases; withdrawn records affect nothing. Random records (every event kind, unsorted events,
several ranges, limits, explicit version lists, name spellings, other ecosystems) are evaluated
by both sides at random versions; every answer must agree.
"""

import json
import os
import random
import subprocess
import sys
import unittest

try:
    from packaging.utils import canonicalize_name
    from packaging.version import InvalidVersion, Version
except ImportError:  # pragma: no cover - reported as a failure below
    Version = None

SEED = int(os.environ.get("VIGIL_PEP440_SEED", "440"))
KINDS = ("introduced", "fixed", "last_affected", "limit")


def parse(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


def usable_events(events):
    out = []
    for evt in events:
        kinds = [k for k in KINDS if k in evt]
        if len(kinds) != 1:
            continue
        kind = kinds[0]
        value = evt[kind]
        if (kind == "introduced" and value == "0") or (kind == "limit" and value == "*"):
            out.append((kind, value, None))
        elif parse(value) is not None:
            out.append((kind, value, parse(value)))
    return out


def sort_key(event):
    kind, value, version = event
    if kind == "introduced" and value == "0":
        return (0,)
    return (1, version, 0 if kind == "introduced" else 1)


# -- The schema's pseudocode ----------------------------------------------------------------------


def is_vulnerable(pkg, v, osv):
    if osv.get("withdrawn"):
        return False
    for affected in osv["affected"]:
        package = affected["package"]
        if package["ecosystem"] == "PyPI" and canonicalize_name(package["name"]) == canonicalize_name(pkg):
            if included_in_versions(v, affected.get("versions", [])) or included_in_ranges(
                    v, affected.get("ranges", [])):
                return True
    return False


def included_in_versions(v, versions):
    for version in versions:
        if parse(version) is not None and v == parse(version):
            return True
    return False


def included_in_ranges(v, ranges):
    for rng in ranges:
        if rng["type"] not in ("ECOSYSTEM", "SEMVER"):
            continue
        events = usable_events(rng["events"])
        if before_limits(v, events):
            vulnerable = False
            for kind, value, version in sorted((e for e in events if e[0] != "limit"), key=sort_key):
                if kind == "introduced" and (version is None or v >= version):
                    vulnerable = True
                elif kind == "fixed" and v >= version:
                    vulnerable = False
                elif kind == "last_affected" and v > version:
                    vulnerable = False
            if vulnerable:
                return True
    return False


def before_limits(v, events):
    limits = [e for e in events if e[0] == "limit"]
    if not limits:
        return True
    for kind, value, version in limits:
        if value == "*" or v < version:
            return True
    return False


# -- Generation -----------------------------------------------------------------------------------

BASES = ["0", "0.1", "0.9", "1", "1.0", "1.0.0", "1.1", "1.2.3", "2", "2.0", "2.0.1", "10.0",
         "1!0.5", "3.4"]
SUFFIXES = ["", "", "", "a1", "b2", "rc1", ".post1", ".dev0", "+local", "+1", ".post1.dev2",
            "rc1.dev1"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def version(self):
        return self.r.choice(BASES) + self.r.choice(SUFFIXES)

    def event(self):
        kind = self.r.choice(["introduced", "introduced", "fixed", "fixed", "last_affected", "limit"])
        value = self.version()
        if kind == "introduced" and self.r.random() < 0.3:
            value = "0"
        if kind == "limit" and self.r.random() < 0.3:
            value = "*"
        if self.r.random() < 0.03:
            value = self.r.choice(["foo", "2019-09-12", "0.2.0-n653", ""])
        event = {kind: value}
        if self.r.random() < 0.03:
            event[self.r.choice([k for k in KINDS if k != kind])] = self.version()
        return event

    def record(self, i):
        affected = []
        for _ in range(self.r.choice([1, 1, 2])):
            entry = {
                "package": {"ecosystem": self.r.choice(["PyPI", "PyPI", "PyPI", "npm"]),
                            "name": self.r.choice(["Demo_Pkg", "demo-pkg", "demo.pkg", "other"])},
                "ranges": [{"type": self.r.choice(["ECOSYSTEM", "ECOSYSTEM", "ECOSYSTEM", "GIT", "SEMVER"]),
                            "events": [self.event() for _ in range(self.r.randrange(1, 7))]}
                           for _ in range(self.r.choice([0, 1, 1, 2, 3]))],
            }
            if self.r.random() < 0.3:
                entry["versions"] = [self.version() for _ in range(self.r.randrange(1, 4))]
            affected.append(entry)
        record = {"id": f"PYSEC-0000-{i}", "affected": affected}
        if self.r.random() < 0.05:
            record["withdrawn"] = "2024-01-01T00:00:00Z"
        return record


class OsvDifferential(unittest.TestCase):
    def test_against_schema_pseudocode(self):
        self.assertIsNotNone(Version, "Python's `packaging` is missing: install python3-packaging")
        driver = os.environ.get("VIGIL_PEP440_DRIVER")
        self.assertTrue(driver, "VIGIL_PEP440_DRIVER is not set")
        g = Gen(SEED)
        records = [g.record(i) for i in range(1500)]
        queries = []
        for i in range(len(records)):
            for _ in range(40):
                queries.append([i, g.r.choice(["demo-pkg", "DEMO_PKG", "other", "nothing"]), g.version()])
        expected = [is_vulnerable(name, Version(version), records[i]) for i, name, version in queries]

        request = {"versions": [], "specifiers": [], "contains": [], "names": [],
                   "osv_records": records, "osv_queries": queries}
        run = subprocess.run([driver], input=json.dumps(request).encode(), capture_output=True,
                             check=False, timeout=300)
        self.assertEqual(run.returncode, 0, run.stderr.decode(errors="replace"))
        got = json.loads(run.stdout)["osv"]

        disagreements = [
            f"{records[q[0]]} {q[1]} {q[2]}: schema {want}, vigil {have}"
            for q, want, have in zip(queries, expected, got) if want != have
        ]
        print(f"osv differential (seed {SEED}): {len(records)} records, {len(queries)} queries "
              f"({sum(expected)} affected): {len(disagreements)} disagreements", file=sys.stderr)
        for line in disagreements[:10]:
            print("  " + line, file=sys.stderr)
        self.assertEqual(disagreements, [])


if __name__ == "__main__":
    unittest.main()
