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
        // B5xx (kept together)
        {"B501", "import requests\nrequests.get(url, verify=False)\n",
         "import requests\nrequests.get(url, verify=True)\n", Applicability::Unsafe},
        {"B501", "import httpx\nc = httpx.Client(\n    verify=False,\n)\n",
         "import httpx\nc = httpx.Client(\n    verify=True,\n)\n", Applicability::Unsafe},
        {"B501", "import requests\ns = requests.Session()\ns.verify = False\n",
         "import requests\ns = requests.Session()\ns.verify = True\n", Applicability::Unsafe},
        {"B502", "import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n",
         "import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n", Applicability::Unsafe},
        {"B502",
         "import ssl as s\nt = s.wrap_socket(k, server_side=True, ssl_version=s.PROTOCOL_SSLv3)\n",
         "import ssl as s\nt = s.wrap_socket(k, server_side=True, "
         "ssl_version=s.PROTOCOL_TLS_SERVER)\n",
         Applicability::Unsafe},
        {"B502", "import ssl\nt = ssl.wrap_socket(k, ssl_version=ssl.PROTOCOL_TLSv1_1)\n",
         "import ssl\nt = ssl.wrap_socket(k, ssl_version=ssl.PROTOCOL_TLS)\n",
         Applicability::Unsafe},
        {"B502", "from ssl import PROTOCOL_TLSv1, SSLContext\nctx = SSLContext(PROTOCOL_TLSv1)\n",
         "from ssl import PROTOCOL_TLSv1, SSLContext\nimport ssl\nctx = "
         "SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n",
         Applicability::Unsafe},
        {"B505",
         "from cryptography.hazmat.primitives.asymmetric import rsa\n"
         "k = rsa.generate_private_key(65537, 1024)\n",
         "from cryptography.hazmat.primitives.asymmetric import rsa\n"
         "k = rsa.generate_private_key(65537, 2048)\n",
         Applicability::Unsafe},
        {"B505", "import paramiko\nk = paramiko.RSAKey.generate(bits=1024)\n",
         "import paramiko\nk = paramiko.RSAKey.generate(bits=2048)\n", Applicability::Unsafe},
        {"B505", "from Crypto.PublicKey import DSA\nk = DSA.generate(bits=512)\n",
         "from Crypto.PublicKey import DSA\nk = DSA.generate(bits=2048)\n", Applicability::Unsafe},
        {"B505",
         "from cryptography.hazmat.primitives.asymmetric import ec\n"
         "k = ec.generate_private_key(ec.SECP192R1())\n",
         "from cryptography.hazmat.primitives.asymmetric import ec\n"
         "k = ec.generate_private_key(ec.SECP256R1())\n",
         Applicability::Unsafe},
        {"B505", "from Cryptodome.PublicKey import ECC\nk = ECC.generate(curve=\"P-192\")\n",
         "from Cryptodome.PublicKey import ECC\nk = ECC.generate(curve=\"P-256\")\n",
         Applicability::Unsafe},
        {"B507", "import paramiko\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n",
         "import paramiko\nc.set_missing_host_key_policy(paramiko.RejectPolicy())\n",
         Applicability::Unsafe},
        {"B507",
         "from paramiko import AutoAddPolicy\nc.set_missing_host_key_policy(AutoAddPolicy())\n",
         "from paramiko import AutoAddPolicy\nimport paramiko\n"
         "c.set_missing_host_key_policy(paramiko.RejectPolicy())\n",
         Applicability::Unsafe},
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
