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
        {"B113", "import requests\nr = requests.get(url)\n",
         "import requests\nr = requests.get(url, timeout=60)\n", Applicability::Safe},
        {"B113", "from requests import post\nr = post(\n    url,\n    json=body,\n)\n",
         "from requests import post\nr = post(\n    url,\n    json=body,\n    timeout=60,\n)\n",
         Applicability::Safe},
        {"B113", "import requests\nr = requests.get(url, timeout=None)\n",
         "import requests\nr = requests.get(url, timeout=60)\n", Applicability::Unsafe},
        {"B113", "import httpx\nc = httpx.Client(timeout=None)\n",
         "import httpx\nc = httpx.Client(timeout=60)\n", Applicability::Unsafe},
        {"B101", "def f(user):\n    assert user.is_admin, \"forbidden\"  # why\n",
         "def f(user):\n    if not user.is_admin:\n        raise AssertionError(\"forbidden\")  # "
         "why\n",
         Applicability::Unsafe},
        {"B101", "assert a or b\n", "if not (a or b):\n    raise AssertionError\n",
         Applicability::Unsafe},
        {"B104", "app.run(host='0.0.0.0')\n", "app.run(host='127.0.0.1')\n", Applicability::Unsafe},
        {"B104", "HOST = r\"::\"\n", "HOST = r\"::1\"\n", Applicability::Unsafe},
        {"B201", "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n",
         "from flask import Flask\napp = Flask(__name__)\napp.run(debug=False)\n",
         Applicability::Unsafe},
        {"B202", "import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(d)\n",
         "import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(d, filter=\"data\")\n",
         Applicability::Unsafe},
        {"B202", "import tarfile\nt = tarfile.open(p)\nt.extractall(d, filter=\"fully_trusted\")\n",
         "import tarfile\nt = tarfile.open(p)\nt.extractall(d, filter=\"data\")\n",
         Applicability::Unsafe},
        {"B103", "import os\nos.chmod(p, 0o666)\n", "import os\nos.chmod(p, 0o600)\n",
         Applicability::Unsafe},
        {"B103", "import os, stat\nos.chmod(p, stat.S_IRWXU | stat.S_IRWXG)\n",
         "import os, stat\nos.chmod(p, 0o700)\n", Applicability::Unsafe},
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
          "import subprocess\nC = \"ls\"\nsubprocess.run(C, shell=True)\n"}) {
        INFO(text);
        const auto tree = syntax::parse_python(parser.get(), text);
        const auto findings = analysis::analyze(text, tree.get(), "t.py", analysis::Config{});
        const analysis::Finding* finding = finding_with(findings, "B602");
        REQUIRE(finding != nullptr);
        CHECK(finding->fixes.empty());
    }
}
