// Every quick fix: the input, the exact expected output, its applicability; the output must parse
// without errors and be free of the finding it fixed.
#include "analysis/analyzer.hpp"
#include "analysis/fixes.hpp"
#include "analysis/syntax/source_file.hpp"

#include <catch2/catch.hpp>

using namespace vigil;
using analysis::Applicability;

namespace {

struct FixCase {
    std::string code;
    std::string input;
    std::string expected;
    Applicability applicability;
};

const analysis::Finding* finding_with(const std::vector<analysis::Finding>& findings,
                                      const std::string& code) {
    for (const auto& finding : findings) {
        if (finding.code == code) {
            return &finding;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("quick fixes produce the expected code, which parses and is clean") {
    const std::vector<FixCase> cases = {
        {"B506", "import yaml\ndata = yaml.load(stream)\n",
         "import yaml\ndata = yaml.safe_load(stream)\n", Applicability::Safe},
        {"B506", "import yaml as y\ndocs = y.load_all(s)\n",
         "import yaml as y\ndocs = y.safe_load_all(s)\n", Applicability::Safe},
        {"B506", "import yaml\nd = yaml.load(s, Loader=yaml.Loader)\n",
         "import yaml\nd = yaml.safe_load(s)\n", Applicability::Unsafe},
        {"B506", "import yaml\nd = yaml.load(s, yaml.FullLoader)\n",
         "import yaml\nd = yaml.safe_load(s)\n", Applicability::Unsafe},
        {"B506", "\"\"\"Doc.\"\"\"\nfrom yaml import load\n\nd = load(s)  # é\n",
         "\"\"\"Doc.\"\"\"\nfrom yaml import load\nimport yaml\n\nd = yaml.safe_load(s)  # é\n",
         Applicability::Safe},
        {"B307", "x = eval(text)\n", "import ast\nx = ast.literal_eval(text)\n",
         Applicability::Unsafe},
        {"B307", "import os\n\nx = eval(text)\n",
         "import os\nimport ast\n\nx = ast.literal_eval(text)\n", Applicability::Unsafe},
        {"B307", "import ast\nx = eval(text)\n", "import ast\nx = ast.literal_eval(text)\n",
         Applicability::Unsafe},
        {"B324", "import hashlib\nkey = hashlib.md5(data)\n",
         "import hashlib\nkey = hashlib.md5(data, usedforsecurity=False)\n", Applicability::Unsafe},
        {"B324", "import hashlib\nkey = hashlib.sha1(\n    data,\n)\n",
         "import hashlib\nkey = hashlib.sha1(\n    data,\n    usedforsecurity=False,\n)\n",
         Applicability::Unsafe},
        {"B324", "import hashlib\nkey = hashlib.md5(data,)\n",
         "import hashlib\nkey = hashlib.md5(data, usedforsecurity=False,)\n",
         Applicability::Unsafe},
        {"B324", "import hashlib\nkey = hashlib.md5(\n    data  # comment\n)\n",
         "import hashlib\nkey = hashlib.md5(\n    data, usedforsecurity=False  # comment\n)\n",
         Applicability::Unsafe},
        {"B324", "import hashlib\nkey = hashlib.md5()\n",
         "import hashlib\nkey = hashlib.md5(usedforsecurity=False)\n", Applicability::Unsafe},
        {"B602", "import subprocess\nsubprocess.run(\"ls -l /srv\", shell=True, check=True)\n",
         "import subprocess\nsubprocess.run([\"ls\", \"-l\", \"/srv\"], check=True)\n",
         Applicability::Safe},
        {"B602", "import subprocess\nsubprocess.call(\n    \"make all\",\n    shell=True,\n)\n",
         "import subprocess\nsubprocess.call(\n    [\"make\", \"all\"],\n)\n", Applicability::Safe},
        {"B605", "import os\nos.system(\"make all\")\n",
         "import os\nimport subprocess\nsubprocess.run([\"make\", \"all\"])\n",
         Applicability::Safe},
        {"B605", "import os\nimport subprocess\n\nif ready:\n    os.system('ls -l /srv')\n",
         "import os\nimport subprocess\n\nif ready:\n    subprocess.run([\"ls\", \"-l\", "
         "\"/srv\"])\n",
         Applicability::Safe},
        {"B608",
         "cursor.execute(\"SELECT * FROM users WHERE name = '%s' AND age > %s\" % (name, age))\n",
         "cursor.execute(\"SELECT * FROM users WHERE name = %s AND age > %s\", (name, age))\n",
         Applicability::Unsafe},
        {"B608", "cursor.execute(\"DELETE FROM t WHERE id = %s\" % key)\n",
         "cursor.execute(\"DELETE FROM t WHERE id = %s\", (key,))\n", Applicability::Unsafe},
        {"B608",
         "cursor.execute(f\"SELECT * FROM users WHERE name = '{name}' AND kind LIKE 'a%'\")\n",
         "cursor.execute(\"SELECT * FROM users WHERE name = %s AND kind LIKE 'a%%'\", (name,))\n",
         Applicability::Unsafe},
        {"B608", "cursor.execute(f\"SELECT * FROM t WHERE id IN ({a}, {b}) LIMIT {n}\")\n",
         "cursor.execute(\"SELECT * FROM t WHERE id IN (%s, %s) LIMIT %s\", (a, b, n))\n",
         Applicability::Unsafe},
        {"B608",
         "import sqlite3\ncur.execute(\"INSERT INTO t (a, b) VALUES (%s, '%s')\" % (a, b))\n",
         "import sqlite3\ncur.execute(\"INSERT INTO t (a, b) VALUES (?, ?)\", (a, b))\n",
         Applicability::Unsafe},
        {"B608",
         "import sqlite3\ncur.execute(\"SELECT * FROM t WHERE a LIKE 'x%%' AND b = %s\" % b)\n",
         "import sqlite3\ncur.execute(\"SELECT * FROM t WHERE a LIKE 'x%' AND b = ?\", (b,))\n",
         Applicability::Unsafe},
        {"B608", "cursor.execute(\"SELECT * FROM t WHERE a = '\" + a + \"' AND b = \" + str(b))\n",
         "cursor.execute(\"SELECT * FROM t WHERE a = %s AND b = %s\", (a, str(b)))\n",
         Applicability::Unsafe},
        {"B608", "cursor.execute(\"UPDATE t SET a = {} WHERE id = {key}\".format(a, key=k))\n",
         "cursor.execute(\"UPDATE t SET a = %s WHERE id = %s\", (a, k))\n", Applicability::Unsafe},
        {"B608", "cursor.execute(\"DELETE FROM t WHERE id = {0} OR p = {0}\".format(i))\n",
         "cursor.execute(\"DELETE FROM t WHERE id = %s OR p = %s\", (i, i))\n",
         Applicability::Unsafe},
        {"B608", "cursor.execute('SELECT * FROM t WHERE a = \\'' + a + '\\'')\n",
         "cursor.execute('SELECT * FROM t WHERE a = %s', (a,))\n", Applicability::Unsafe},
        {"B613", "x = 1  # \xe2\x80\xae note\n", "x = 1  #  note\n", Applicability::Unsafe},
        {"B614", "import torch\nstate = torch.load(path)\n",
         "import torch\nstate = torch.load(path, weights_only=True)\n", Applicability::Unsafe},
        {"B614", "import torch\nstate = torch.load(path, weights_only=False)\n",
         "import torch\nstate = torch.load(path, weights_only=True)\n", Applicability::Unsafe},
    };
    auto parser = syntax::make_python_parser();
    analysis::Config config;
    config.profile = analysis::ProfileName::Bandit;
    for (const FixCase& fix_case : cases) {
        INFO(fix_case.input);
        const auto tree = syntax::parse_python(parser.get(), fix_case.input);
        const auto findings = analysis::analyze(fix_case.input, tree.get(), "t.py", config);
        const analysis::Finding* finding = finding_with(findings, fix_case.code);
        REQUIRE(finding != nullptr);
        REQUIRE_FALSE(finding->fixes.empty());
        const analysis::Fix& fix = finding->fixes.front();
        CHECK(fix.applicability == fix_case.applicability);
        const std::string output = analysis::apply_edits(fix_case.input, fix.edits);
        CHECK(output == fix_case.expected);
        const auto fixed_tree = syntax::parse_python(parser.get(), output);
        CHECK_FALSE(ts_node_has_error(ts_tree_root_node(fixed_tree.get())));
        const auto after = analysis::analyze(output, fixed_tree.get(), "t.py", config);
        CHECK(finding_with(after, fix_case.code) == nullptr);
    }
}

TEST_CASE("commands a shell would interpret get no automatic rewrite") {
    auto parser = syntax::make_python_parser();
    for (const std::string text :
         {"import subprocess\nsubprocess.run(\"ls *.py\", shell=True)\n",
          "import subprocess\nsubprocess.run(\"a | b\", shell=True)\n",
          "import subprocess\nsubprocess.run(\"echo $HOME\", shell=True)\n",
          "import subprocess\nsubprocess.run('say \"hi\"', shell=True)\n",
          "import subprocess\nC = \"ls\"\nsubprocess.run(C, shell=True)\n",
          "import os\nos.system(\"ls *.py\")\n", "import os\nstatus = os.system(\"ls\")\n",
          "import os\nos.system(\"ls\") or fail()\n"}) {
        INFO(text);
        const auto tree = syntax::parse_python(parser.get(), text);
        const auto findings = analysis::analyze(text, tree.get(), "t.py", analysis::Config{});
        const analysis::Finding* finding = finding_with(findings, "B602");
        if (finding == nullptr) {
            finding = finding_with(findings, "B605");
        }
        REQUIRE(finding != nullptr);
        CHECK(finding->fixes.empty());
    }
}

TEST_CASE("SQL built from names, conditions or other formats gets no parameter fix") {
    auto parser = syntax::make_python_parser();
    for (const std::string text : {
             "cursor.execute(f\"SELECT * FROM {table}\")\n",
             "cursor.execute(f\"SELECT {col} FROM t WHERE id = {x}\")\n",
             "cursor.execute(f\"SELECT * FROM t WHERE a = 1 AND {cond}\")\n",
             "cursor.execute(\"SELECT * FROM t WHERE a = %d\" % key)\n",
             "cursor.execute(f\"SELECT * FROM t WHERE a = '{x}%'\")\n",
             "cursor.execute(f\"SELECT * FROM t WHERE a = {x!r}\")\n",
             "cursor.execute(\"SELECT * FROM t WHERE a = %s\" % key, extra)\n",
             "query = f\"SELECT * FROM t WHERE a = {x}\"\n",
             "cursor.execute(\"SELECT * FROM t WHERE a LIKE '%%%s%%'\" % a)\n",
             "cursor.execute(\"UPDATE t SET %s WHERE id = 1\" % assignments)\n",
             "cursor.execute(\"SELECT * FROM \" + table + \" WHERE a = 1\")\n",
             "cursor.execute('SELECT * FROM t WHERE a = ' + a + \" AND b = 'x'\")\n",
             "cursor.execute(\"SELECT * FROM t WHERE a = {x.y}\".format(x=v))\n",
             "cursor.execute(\"SELECT * FROM t WHERE a = {:d}\".format(v))\n",
         }) {
        INFO(text);
        const auto tree = syntax::parse_python(parser.get(), text);
        const auto findings = analysis::analyze(text, tree.get(), "t.py", analysis::Config{});
        const analysis::Finding* finding = finding_with(findings, "B608");
        REQUIRE(finding != nullptr);
        CHECK(finding->fixes.empty());
    }
}
