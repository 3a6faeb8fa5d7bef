"""PEP 440 differential test: analysis/dependencies/pep440 against Python's `packaging`.

A seeded generator makes thousands of version strings and specifier sets, valid and invalid, with
the spellings PEP 440 normalises and the corners packaging's regular expressions have. `packaging`
(Debian's python3-packaging, installed by .ci/setup) computes what each means; the C++ driver
(VIGIL_PEP440_DRIVER, tests/pep440/pep440_driver.cpp) computes the same from the same inputs; every
answer must agree: validity, normal forms, the total order (compared through dense ranks, so every
pair of valid versions is compared), specifier-set normal forms, pre-release admission and
containment, and PEP 503 names.

Where packaging's own answer depends on the iteration order of a frozenset (a set whose clauses
would both raise and answer, see `set_answer`), the case is counted as order-dependent and not
compared: packaging has no single answer there.

Environment: VIGIL_PEP440_SEED (default 440) and VIGIL_PEP440_SCALE (default 1) for exploring.
"""

import json
import os
import random
import subprocess
import sys
import unittest

try:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.utils import canonicalize_name, canonicalize_version
    from packaging.version import InvalidVersion, Version
    import packaging
except ImportError:  # pragma: no cover - reported as a failure below
    packaging = None

SEED = int(os.environ.get("VIGIL_PEP440_SEED", "440"))
SCALE = float(os.environ.get("VIGIL_PEP440_SCALE", "1"))

# --------------------------------------------------------------------------------------------
# Generation


class Generator:
    SEPARATORS = ["", "", "", ".", "-", "_"]
    PRE_LETTERS = ["a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "A", "RC", "Alpha",
                   "BETA", "Pre", "PREVIEW", "C", "prevıew", "PREVİEW"]
    POST_LETTERS = ["post", "rev", "r", "POST", "Rev", "R", "poſt"]
    NUMBERS = ["0", "0", "1", "1", "1", "2", "2", "3", "5", "9", "10", "11", "00", "01", "010",
               "2024", "99999999999999999999", "18446744073709551616"]
    # Every character Python's `\\s` and str.strip() treat as whitespace, and a few runs.
    WHITESPACE = [" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e",
                  "\x1f", "\x85", "\xa0", "\u1680", "\u2000", "\u2005", "\u200a", "\u2028",
                  "\u2029", "\u202f", "\u205f", "\u3000", "\u200b"]  # U+200B is not whitespace
    LOCAL_PARTS = ["ubuntu", "1", "2", "01", "abc", "ABC", "deb10u1", "a", "z", "0", "cpu", "cu118",
                   "K", "x1", "fedora", "20", "ſ"]

    def __init__(self, seed):
        self.r = random.Random(seed)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, items):
        return self.r.choice(items)

    def number(self):
        return self.pick(self.NUMBERS)

    def release(self):
        n = self.pick([1, 1, 2, 2, 2, 3, 3, 3, 4, 5])
        return ".".join(self.number() for _ in range(n))

    def pre(self):
        return self.pick(self.SEPARATORS) + self.pick(self.PRE_LETTERS) + self.pick(
            self.SEPARATORS) + (self.number() if self.chance(0.8) else "")

    def post(self):
        if self.chance(0.25):
            return "-" + self.number()
        return self.pick(self.SEPARATORS) + self.pick(self.POST_LETTERS) + self.pick(
            self.SEPARATORS) + (self.number() if self.chance(0.8) else "")

    def dev(self):
        return self.pick(self.SEPARATORS) + self.pick(["dev", "DEV", "Dev"]) + self.pick(
            self.SEPARATORS) + (self.number() if self.chance(0.8) else "")

    def local(self):
        parts = [self.pick(self.LOCAL_PARTS) for _ in range(self.pick([1, 1, 2, 3]))]
        out = parts[0]
        for part in parts[1:]:
            out += self.pick([".", "-", "_"]) + part
        return "+" + out

    def public(self, pre=0.3, post=0.2, dev=0.2):
        s = ""
        if self.chance(0.08):
            s += self.pick(["0", "1", "2", "01", "10"]) + "!"
        s += self.release()
        if self.chance(pre):
            s += self.pre()
        if self.chance(post):
            s += self.post()
        if self.chance(dev):
            s += self.dev()
        return s

    def version(self):
        s = ""
        if self.chance(0.05):
            s += self.pick(["v", "V"])
        s += self.public()
        if self.chance(0.2):
            s += self.local()
        if self.chance(0.08):
            s = self.pick(self.WHITESPACE) + s
        if self.chance(0.08):
            s += self.pick(self.WHITESPACE)
        if self.chance(0.25):
            s = self.mutate(s)
        return s

    def mutate(self, s):
        kind = self.r.randrange(9)
        pos = self.r.randrange(len(s) + 1)
        junk = ["", ".", "-", "_", "+", "*", "!", " ", "..", "a", "x", "post", "dev", "١", "٣",
                "²", "ı", "\x00", "v", "=", ",", ";", ")", "é", "ſ", "K", "İ"]
        if kind == 0:
            return s[:pos] + self.pick(junk) + s[pos:]
        if kind == 1 and s:
            return s[:pos] + s[pos + 1:]
        if kind == 2:
            return s + self.pick([".*", ".", "-", "+", "+a..b", "_", "!", "post", "-dev", ".a"])
        if kind == 3:
            return self.pick(junk) + s
        if kind == 4:
            return s.upper()
        if kind == 5:
            return s.replace(".", self.pick(["..", "-", "_", ",", ""]), 1)
        if kind == 6:
            return s + self.pre()
        if kind == 7:
            return s + self.post() + self.post()
        return self.pick(["", " ", "v", "1!", "!1", "+1", "1+", "1.0+", "1.0-", "a1.0", "1.0ab",
                          "1..0", "1.0.post.post", "1.0 1", "1,0", "٣", "1.٣", "1.0+ubuntu..1",
                          "1.0+-a", "1e3", "0x10", "-1", "1.0.dev1.dev2", "1.0a1a2",
                          "1.0rc1.post1.dev1+ubuntu-1", "1!2!3", "v", "vv1", "1.0+ü"])

    def spec_version(self, op):
        if op == "===":
            return self.pick([self.version(), self.public(), "foo", "1.0;", "1.0)", "1.0 2",
                              "Ä.1", "1.0+K", "1.0+k", "1.0A1", "", "1.0.0", "1.0"])
        v = self.pick(["v", "", "", "", "", "", "", ""]) + self.public(0.25, 0.15, 0.15)
        if op in ("==", "!=") and self.chance(0.3):
            v = self.pick(["v", "", "", "", ""]) + (
                (self.pick(["0", "1", "2"]) + "!" if self.chance(0.1) else "") + self.release() + ".*")
        elif op in ("==", "!=") and self.chance(0.2):
            v += self.local()
        elif self.chance(0.03):
            v += self.local()  # invalid for these operators
        if self.chance(0.05):
            v = self.mutate(v)
        return v

    def specifier(self):
        op = self.pick(["==", "==", "!=", "<", "<=", ">", ">=", ">=", "~=", "~=", "===", "=",
                        "=>", "~", "<>", "==="])
        text = op + (self.pick(self.WHITESPACE) if self.chance(0.1) else "") + self.spec_version(op)
        if self.chance(0.1):
            text = self.pick(self.WHITESPACE) + text
        if self.chance(0.1):
            text += self.pick(self.WHITESPACE)
        return text

    def specifier_set(self):
        n = self.pick([0, 1, 1, 1, 2, 2, 2, 3, 4])
        parts = [self.specifier() for _ in range(n)]
        if self.chance(0.1):
            parts.insert(self.r.randrange(len(parts) + 1), self.pick(["", " ", "\t"]))
        if parts and self.chance(0.05):
            parts.append(parts[0])  # a duplicate clause
        return self.pick([",", ", ", " ,"]).join(parts)

    def related_versions(self, spec_text):
        """Versions near the ones a specifier set mentions: where its boundaries are."""
        out = []
        try:
            # Sorted: a SpecifierSet iterates a frozenset, whose order changes with the hash seed.
            specs = sorted(SpecifierSet(spec_text), key=str)
        except InvalidSpecifier:
            return out
        for s in specs:
            base = s.version[:-2] if s.version.endswith(".*") else s.version
            try:
                v = Version(base)
            except InvalidVersion:
                out.append(base)
                continue
            rel = list(v.release)
            variants = [str(v), v.public, v.base_version, v.base_version + ".0",
                        v.base_version + ".0.0", v.base_version + ".1"]
            for suffix in ["a1", "b2", "rc1", ".dev0", ".post1", ".post1.dev1", "a1.dev1", "+local",
                           "+1.2", ".post0+x", "-1", "a0", ".dev1+abc"]:
                variants.append(v.base_version + suffix)
                variants.append(str(v) + suffix)
            for i in range(len(rel)):
                bumped = rel[:]
                bumped[i] += 1
                variants.append(".".join(map(str, bumped)))
                variants.append(".".join(map(str, bumped[: i + 1])))
                if bumped[i] > 1:
                    bumped[i] -= 2
                    variants.append(".".join(map(str, bumped)))
            if v.epoch:
                variants += [".".join(map(str, rel)), f"{v.epoch}!" + ".".join(map(str, rel[:1]))]
            else:
                variants.append("1!" + v.base_version)
            out += variants
        return out

    def name(self):
        alphabet = "abcXYZ019-_."
        n = self.r.randrange(1, 12)
        return "".join(self.pick(alphabet) for _ in range(n))


# --------------------------------------------------------------------------------------------
# What packaging says


def answer(value):
    return {True: "yes", False: "no"}.get(value, value)


def spec_prereleases(spec):
    try:
        return answer(spec.prereleases)
    except InvalidVersion:
        return "error"


def set_answer(values, short_circuit_on):
    """Combine per-clause answers as packaging's any()/all() over a frozenset would: when one
    clause raises and another would stop the iteration, the outcome depends on the order."""
    if short_circuit_on in values and "error" in values:
        return "order-dependent"
    if short_circuit_on in values:
        return short_circuit_on
    if "error" in values:
        return "error"
    return "no" if short_circuit_on == "yes" else "yes"


def set_prereleases(ss):
    specs = list(ss)
    if not specs:
        return None
    return set_answer([spec_prereleases(s) for s in specs], "yes")


def set_contains(ss, v):
    pre = set_prereleases(ss)
    if pre in ("error", "order-dependent"):
        return pre
    allow = {None: None, "yes": True, "no": False}[pre]
    if not allow and v.is_prerelease:
        return "no"
    values = []
    for s in ss:
        try:
            values.append(answer(s.contains(v, prereleases=allow)))
        except InvalidVersion:
            values.append("error")
    return set_answer(values, "no")


def real_contains(ss, v):
    """packaging's own SpecifierSet.contains, to check that set_contains models it."""
    try:
        return answer(ss.contains(v))
    except InvalidVersion:
        return "error"


def version_facts(v):
    return {
        "str": str(v),
        "public": v.public,
        "base_version": v.base_version,
        "local": v.local,
        "is_prerelease": v.is_prerelease,
        "is_postrelease": v.is_postrelease,
        "is_devrelease": v.is_devrelease,
        "canonical": canonicalize_version(v),
        "canonical_keep_zeros": canonicalize_version(v, strip_trailing_zero=False),
    }


def parse_version(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


# --------------------------------------------------------------------------------------------


class Pep440Differential(unittest.TestCase):
    def test_against_packaging(self):
        self.assertIsNotNone(
            packaging, "Python's `packaging` is missing: install python3-packaging (.ci/setup)")
        self.assertEqual(packaging.__version__.split(".")[0], "23",
                         "the C++ follows packaging 23.x (Debian 12); found " + packaging.__version__)
        driver = os.environ.get("VIGIL_PEP440_DRIVER")
        self.assertTrue(driver, "VIGIL_PEP440_DRIVER is not set")

        g = Generator(SEED)
        n_versions = int(6000 * SCALE)
        n_sets = int(3000 * SCALE)
        versions = [g.version() for _ in range(n_versions)]
        specifiers = [g.specifier_set() for _ in range(n_sets)]
        # Boundary versions of every valid set join the pool (they are versions to check too).
        related = {}
        for i, text in enumerate(specifiers):
            near = g.related_versions(text)
            related[i] = range(len(versions), len(versions) + len(near))
            versions += near
        names = [g.name() for _ in range(int(2000 * SCALE))]

        parsed = [parse_version(t) for t in versions]
        valid_indices = [i for i, v in enumerate(parsed) if v is not None]
        sets = []
        for text in specifiers:
            try:
                sets.append(SpecifierSet(text))
            except InvalidSpecifier:
                sets.append(None)

        contains_pairs = []
        for i, ss in enumerate(sets):
            if ss is None:
                continue
            candidates = [j for j in related[i] if parsed[j] is not None]
            candidates += g.r.sample(valid_indices, min(30, len(valid_indices)))
            contains_pairs += [[i, j] for j in candidates]

        # packaging's answers.
        expected_versions = [version_facts(v) if v is not None else None for v in parsed]
        order = sorted(valid_indices, key=lambda i: parsed[i])
        expected_ranks = [None] * len(versions)
        rank = -1
        for k, i in enumerate(order):
            if k == 0 or parsed[order[k - 1]] != parsed[i]:
                rank += 1
            expected_ranks[i] = rank
        expected_specs = [
            None if ss is None else {"str": str(ss), "prereleases": set_prereleases(ss)}
            for ss in sets
        ]
        expected_contains = []
        model_errors = []
        for i, j in contains_pairs:
            modelled = set_contains(sets[i], parsed[j])
            real = real_contains(sets[i], parsed[j])
            if modelled != "order-dependent" and modelled != real:
                model_errors.append((specifiers[i], versions[j], modelled, real))
            expected_contains.append(modelled)
        self.assertEqual(model_errors, [], "the test's model of SpecifierSet.contains is wrong")
        expected_names = [canonicalize_name(n) for n in names]

        # The C++ answers.
        request = {"versions": versions, "specifiers": specifiers, "contains": contains_pairs,
                   "names": names}
        run = subprocess.run([driver], input=json.dumps(request).encode(), capture_output=True,
                             check=False, timeout=300)
        self.assertEqual(run.returncode, 0, run.stderr.decode(errors="replace"))
        got = json.loads(run.stdout)

        disagreements = []

        def differ(kind, subject, want, have):
            disagreements.append(f"{kind} {subject!r}: packaging {want!r}, vigil {have!r}")

        for text, want, have in zip(versions, expected_versions, got["versions"]):
            if want != have:
                differ("version", text, want, have)
        for text, want, have in zip(versions, expected_ranks, got["ranks"]):
            if want != have:
                differ("rank", text, want, have)
        for text, want, have in zip(specifiers, expected_specs, got["specifiers"]):
            if want is not None and want["prereleases"] == "order-dependent":
                want = dict(want, prereleases=have and have["prereleases"])
            if want != have:
                differ("specifier set", text, want, have)
        order_dependent = 0
        for (i, j), want, have in zip(contains_pairs, expected_contains, got["contains"]):
            if want == "order-dependent":
                order_dependent += 1
                continue
            if want != have:
                differ("contains", (specifiers[i], versions[j]), want, have)
        for text, want, have in zip(names, expected_names, got["names"]):
            if want != have:
                differ("name", text, want, have)

        n_valid = len(valid_indices)
        n_valid_sets = sum(1 for s in sets if s is not None)
        summary = (
            f"pep440 differential (seed {SEED}, packaging {packaging.__version__}): "
            f"{len(versions)} versions ({n_valid} valid, {len(versions) - n_valid} invalid; "
            f"{rank + 1} distinct; order checked on {n_valid * (n_valid - 1) // 2} pairs), "
            f"{len(specifiers)} specifier sets ({n_valid_sets} valid), "
            f"{len(contains_pairs)} containment checks ({expected_contains.count('yes')} yes, "
            f"{expected_contains.count('no')} no, {expected_contains.count('error')} raise; "
            f"{order_dependent} order-dependent in packaging, not compared), "
            f"{len(names)} names: {len(disagreements)} disagreements")
        print(summary, file=sys.stderr)
        for line in disagreements[:40]:
            print("  " + line, file=sys.stderr)
        self.assertEqual(len(disagreements), 0, "\n".join(disagreements[:40]))


if __name__ == "__main__":
    unittest.main()
