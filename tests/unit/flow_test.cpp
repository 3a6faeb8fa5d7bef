// The taint engine on small programs: each propagation step carries untrusted data, and each
// sanitizer, guard, dead branch, overwrite and other key of a container stops it. A hit is
// written "<line> <sink kind>", line of the sink, 1-based.
#include "analysis/analyzer.hpp"
#include "analysis/flow/cfg.hpp"
#include "analysis/flow/engine.hpp"
#include "analysis/syntax/source_file.hpp"

#include "tests/unit/fixture_expectations.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <algorithm>
#include <string>
#include <vector>

using namespace vigil;
using analysis::flow::analyze_flows;

namespace {

struct Flows {
    syntax::SourceFile file;
    analysis::SemanticModel model;
    analysis::flow::FlowResult result;

    explicit Flows(std::string text)
        : file(std::move(text)), model(file.text(), file.root()),
          result(analyze_flows(model, analysis::models::Models::builtin())) {}

    std::vector<std::string> hits() const {
        std::vector<std::string> found;
        for (const auto& hit : result.hits) {
            found.push_back(std::to_string(ts_node_start_point(hit.sink).row + 1) + " " +
                            std::string(analysis::models::sink_kind_name(hit.kind)));
        }
        std::sort(found.begin(), found.end());
        return found;
    }
};

std::vector<std::string> hits(std::string text) {
    return Flows(std::move(text)).hits();
}

using Hits = std::vector<std::string>;

} // namespace

TEST_CASE("Flask request data reaches sinks through each propagation step", "[flow]") {
    CHECK(hits(R"(import os
from flask import request
def view():
    name = request.args.get("name")
    os.system("ls " + name)
    os.system(f"ls {name}")
    os.system("ls %s" % name)
    os.system("ls {}".format(name))
    os.system(" ".join(["ls", name]))
    os.system(name[1:].strip().lower())
    os.system(str(name).encode().decode())
)") == Hits{"10 command", "11 command", "5 command", "6 command", "7 command", "8 command",
            "9 command"});
}

TEST_CASE("Containers are followed element by element", "[flow]") {
    CHECK(hits(R"(import os
from flask import request
def view():
    d = {"safe": "ls", "bad": request.form["x"]}
    os.system(d["safe"])
    os.system(d["bad"])
    os.system(d.get("safe"))
    os.system(d.get("bad"))
    items = ["ls", request.args["y"]]
    os.system(items[0])
    os.system(items[1])
    a, b = "ls", request.args["z"]
    os.system(a)
    os.system(b)
    d["safe"] = request.args["w"]
    os.system(d["safe"])
    lst = []
    lst.append(request.args["v"])
    os.system(lst[0])
)") == Hits{"11 command", "14 command", "16 command", "19 command", "6 command", "8 command"});
}

TEST_CASE("Sanitizers protect only their sink kinds", "[flow]") {
    CHECK(hits(R"(import os, html, shlex
from flask import request, redirect
def view():
    x = request.args["x"]
    os.system("ls " + shlex.quote(x))
    os.system("ls " + html.escape(x))
    n = int(x)
    os.system("ls %d" % n)
    open(os.path.basename(x))
    os.system(os.path.basename(x))
    os.system("ls %d" % x)
)") == Hits{"10 command", "6 command"});
}

TEST_CASE("Guards clean the value on the path that survives", "[flow]") {
    CHECK(hits(R"(import os
from flask import request, abort
ALLOWED = ("a", "b")
def one():
    x = request.args["x"]
    if x not in ALLOWED:
        abort(400)
    os.system(x)
def two():
    p = request.args["p"]
    if ".." in p:
        return "no"
    open(p)
    os.system(p)
def three():
    p = os.path.realpath(request.args["p"])
    if not p.startswith("/srv/files/"):
        raise ValueError(p)
    open(p)
def four():
    p = request.args["p"]
    if not p.startswith("/srv/files/"):
        raise ValueError(p)
    open(p)
def five():
    x = request.args["x"]
    if x.isdigit():
        os.system(x)
    os.system(x)
)") == Hits{"14 command", "24 path", "29 command"});
}

TEST_CASE("Dead branches and overwritten values carry nothing", "[flow]") {
    CHECK(hits(R"(import os
from flask import request
DEBUG = False
def view():
    x = request.args["x"]
    if DEBUG:
        os.system(x)
    if 1 + 1 == 3:
        os.system(x)
    mode = "safe"
    if mode == "unsafe":
        os.system(x)
    x = "constant"
    os.system(x)
    y = request.args["y"] if False else "ls"
    os.system(y)
)") == Hits{});
}

TEST_CASE("Loops, try and with reach a fixpoint and keep their flows", "[flow]") {
    CHECK(hits(R"(import os
from flask import request
def view():
    cmd = "ls"
    for part in request.args.getlist("p"):
        cmd = cmd + " " + part
    os.system(cmd)
    try:
        v = request.args["v"]
        os.system("true")
    except KeyError:
        v = "default"
    os.system(v)
    with open("/tmp/x") as f:
        os.system(f.read())
    i = 0
    while i < 10:
        i = i + 1
    os.system("echo %d" % i)
)") == Hits{"13 command", "7 command"});
}

TEST_CASE("Frameworks: Django, http.server, FastAPI, aiohttp, argv", "[flow]") {
    CHECK(hits(R"(import subprocess, sys, os
from django.http import HttpResponse
from django.db import connection
from django.views.decorators.http import require_GET
@require_GET
def detail(request, slug):
    q = request.GET.get("q")
    connection.cursor().execute("SELECT * FROM t WHERE q = '%s'" % q)
    connection.cursor().execute("SELECT * FROM t WHERE q = %s", [q])
    connection.cursor().execute("SELECT * FROM t WHERE s = '" + slug + "'")
    return HttpResponse(request.user.username)
def helper(request, name):
    # Takes the request first but is no view: its other parameters are not the URL's.
    connection.cursor().execute("SELECT * FROM t WHERE s = '" + name + "'")
)") == Hits{"8 sql"});
    CHECK(hits(R"(import http.server
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        open(self.path[1:])
        open(self.server_version)
)") == Hits{"4 path"});
    CHECK(hits(R"(from fastapi import FastAPI, Depends
import requests
app = FastAPI()
@app.get("/fetch")
def fetch(url: str, count: int, db=Depends(get_db)):
    requests.get(url)
    requests.get(str(count))
    requests.get(db)
)") == Hits{"6 ssrf"});
    CHECK(hits(R"(import sys, os
os.system(sys.argv[1])
)") == Hits{"2 command"}); // a local source: the rules choose which kinds count
}

TEST_CASE("Shell forms: shell=True, sh -c, argv lists", "[flow]") {
    CHECK(hits(R"(import subprocess
from flask import request
def view():
    x = request.args["x"]
    subprocess.run(x, shell=True)
    subprocess.run(["ls", x])
    subprocess.run(["sh", "-c", x])
    subprocess.run(["sh", "-c", "ls"], env={"X": x})
)") == Hits{"5 command", "7 command"});
}

TEST_CASE("Paths carry where the data entered and where it went", "[flow]") {
    const Flows flows(R"(from flask import request
def view():
    name = request.args["name"]
    path = "/srv/" + name
    return open(path).read()
)");
    REQUIRE(flows.result.hits.size() == 1);
    const auto& path = flows.result.hits.front().path;
    std::vector<std::string> messages;
    for (const auto& step : path) {
        messages.push_back(std::to_string(ts_node_start_point(step.node).row + 1) + ": " +
                           step.message);
    }
    CHECK(messages == std::vector<std::string>{"3: `request.args` enters here",
                                               "3: flows into `name`", "4: flows into `path`",
                                               "5: reaches `open()` here"});
}

TEST_CASE("Pathological code ends within the budget", "[flow]") {
    std::string deep = "from flask import request\nx = request.args['x']\n";
    for (int i = 0; i < 3000; ++i) {
        deep += "x = x + str(" + std::to_string(i) + ")\n";
    }
    deep += "import os\nos.system(x)\n";
    CHECK(hits(deep).size() == 1);

    std::string nested = "import os\nos.system(";
    for (int i = 0; i < 2000; ++i) {
        nested += "(";
    }
    nested += "1";
    for (int i = 0; i < 2000; ++i) {
        nested += ")";
    }
    nested += ")\n";
    const Flows flows(nested);
    CHECK(flows.result.hits.empty());

    // A loop whose values never settle gives up rather than spin.
    std::string loops = "from flask import request\ndef f():\n    x = request.args['x']\n";
    loops += "    while x:\n";
    for (int i = 0; i < 200; ++i) {
        loops += "        v" + std::to_string(i) + " = v" + std::to_string(i + 1) + "\n";
    }
    loops += "        v200 = x\n    import os\n    os.system(v0)\n";
    const Flows looped(loops);
    CHECK(looped.result.functions_analysed >= 1);
}

namespace {

// The flow findings of a text, as "<code> <line>", sorted.
std::vector<std::string> flow_findings(const std::string& text) {
    auto parser = syntax::make_python_parser();
    const auto tree = syntax::parse_python(parser.get(), text);
    analysis::Config config;
    config.select = {"VG3"};
    std::vector<std::string> found;
    for (const analysis::Finding& finding : analysis::analyze(text, tree.get(), "app.py", config)) {
        const auto line =
            std::count(text.begin(), text.begin() + static_cast<long>(finding.start), '\n') + 1;
        found.push_back(finding.code + " " + std::to_string(line));
    }
    std::sort(found.begin(), found.end());
    return found;
}

// Every local variable renamed (its definitions and uses), by the model: same length changes
// nowhere else.
std::string rename_locals(const std::string& text) {
    syntax::SourceFile file(text);
    const analysis::SemanticModel model(file.text(), file.root());
    const syntax::NodeIndex::Use use(model.index());
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const analysis::Scope& scope : model.scopes()) {
        if (scope.kind != analysis::Scope::Kind::Function) {
            continue;
        }
        for (const auto& [name, binding] : scope.bindings) {
            if (binding.kind != analysis::Binding::Kind::Assignment) {
                continue;
            }
            for (const std::uint32_t index : binding.definitions) {
                const TSNode target = model.definitions()[index].target;
                spans.emplace_back(ts_node_start_byte(target), ts_node_end_byte(target));
            }
            for (const TSNode use_node : binding.uses) {
                spans.emplace_back(ts_node_start_byte(use_node), ts_node_end_byte(use_node));
            }
        }
    }
    std::sort(spans.rbegin(), spans.rend());
    spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
    std::string renamed = text;
    for (const auto& [start, end] : spans) {
        renamed.replace(start, end - start, "v_" + renamed.substr(start, end - start) + "_2");
    }
    return renamed;
}

std::vector<std::filesystem::path> flow_fixtures() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(VIGIL_FIXTURES_DIR "/rules")) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("VG3") && entry.path().extension() == ".py") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("Renaming variables, dead code and reordering do not change flow findings", "[flow]") {
    const auto files = flow_fixtures();
    REQUIRE(files.size() >= 15);
    for (const auto& path : files) {
        INFO(path.filename().string());
        const std::string text = test::read_file(path);
        const auto before = flow_findings(text);
        REQUIRE_FALSE(before.empty());
        // Renamed locals: the same findings on the same lines.
        const std::string renamed = rename_locals(text);
        REQUIRE(renamed != text);
        CHECK(flow_findings(renamed) == before);
        // Dead code at the end: a branch that never runs, and a function nobody calls that
        // handles only constants.
        const std::string dead = text + "\nif False:\n    import os\n    os.system(input())\n"
                                        "def _never_called():\n    x = 'constant'\n    return x\n";
        CHECK(flow_findings(dead) == before);
    }
    // Independent statements in another order: the same findings.
    const std::string first = R"(import os
from flask import request
def view():
    a = request.args["a"]
    b = "constant"
    c = request.form["c"]
    os.system(a)
    os.system(b)
    os.system(c)
)";
    const std::string second = R"(import os
from flask import request
def view():
    c = request.form["c"]
    a = request.args["a"]
    b = "constant"
    os.system(a)
    os.system(b)
    os.system(c)
)";
    CHECK(flow_findings(first) == flow_findings(second));
    CHECK(flow_findings(first) == std::vector<std::string>{"VG302 7", "VG302 9"});
}

namespace {

// "<file>:<line>:<column> <code>" and one indented "<line>:<column> <message>" a step, for every
// flow finding of every VG3 fixture (lines and columns 1-based, columns in bytes).
std::string path_snapshot() {
    std::string snapshot;
    auto parser = syntax::make_python_parser();
    for (const auto& path : flow_fixtures()) {
        const std::string text = test::read_file(path);
        const auto tree = syntax::parse_python(parser.get(), text);
        analysis::Config config;
        config.select = {"VG3"};
        auto where = [&](std::size_t offset) {
            const auto line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
            const std::size_t column =
                offset - (line_start == std::string::npos || offset == 0 ? 0 : line_start + 1) + 1;
            const auto line =
                std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n') + 1;
            return std::to_string(line) + ":" + std::to_string(column);
        };
        for (const auto& finding : analysis::analyze(text, tree.get(), "app.py", config)) {
            snapshot +=
                path.filename().string() + ":" + where(finding.start) + " " + finding.code + "\n";
            for (const auto& step : finding.flow) {
                snapshot += "    " + where(step.start) + " " + step.message + "\n";
            }
        }
    }
    return snapshot;
}

} // namespace

TEST_CASE("The path of every flow finding in the fixtures is the reviewed one", "[flow]") {
    // tests/fixtures/flow_paths.txt was written by this test's output and read step by step
    // against the fixtures; a change to the engine that moves a step shows here. After an
    // intended change, regenerate it with VIGIL_WRITE_SNAPSHOT=1 and read the diff.
    const std::string path = VIGIL_FIXTURES_DIR "/flow_paths.txt";
    const std::string actual = path_snapshot();
    if (std::getenv("VIGIL_WRITE_SNAPSHOT")) {
        std::ofstream(path, std::ios::binary) << actual;
    }
    CHECK(actual == test::read_file(path));
}

TEST_CASE("What an adversarial review found stays fixed", "[flow]") {
    // Values recorded by a unit that ran out of budget keep valid paths (a read past the end of
    // the trace table before).
    std::string deep_not = "import os\nfrom flask import request\nx = request.args['q']\ny = ";
    for (int i = 0; i < 17; ++i) {
        deep_not += "not ";
    }
    deep_not += "x\ndef f():\n    os.system(x)\n";
    const Flows flows(deep_not);
    REQUIRE(flows.result.hits.size() == 1);
    CHECK(flows.result.hits.front().path.front().message == "`request.args` enters here");

    // Doubling a container every line stays small (exponential before).
    std::string doubling = "import os\nfrom flask import request\nx = request.args['q']\n";
    for (int i = 0; i < 40; ++i) {
        doubling += "x = [x, x]\n";
    }
    doubling += "os.system(str(x))\n";
    CHECK(hits(doubling) == Hits{"44 command"});

    // Elements: comments do not shift positions, a negative index is the whole, elements moved
    // by insert/pop/del/reverse are the whole, a store under an unknown key reaches every key,
    // and a container's methods see its elements.
    CHECK(hits(R"(import os
from flask import request
def f(key):
    user = request.args["u"]
    args = [
        # the program
        "echo",
        user,
    ]
    os.system(args[1])
    os.system(args[0])
    os.system(args[-1])
    l = ["ls", "x"]
    l.insert(0, user)
    os.system(l[0])
    d = {"cmd": "ls"}
    d[key] = user
    os.system(d["cmd"])
    e = {"cmd": user}
    os.system(" ".join(e.values()))
    m = ["ls", user]
    del m[0]
    os.system(m[0])
)") == Hits{"10 command", "12 command", "15 command", "18 command", "20 command", "23 command"});

    // A loop that keeps changing is widened, not given up: the finding before it stays.
    std::string loop = "import os\nfrom flask import request\ndef f():\n"
                       "    os.system(request.args['obvious'])\n    v0 = request.args['q']\n"
                       "    while v0:\n";
    for (int i = 42; i > 0; --i) {
        loop += "        v" + std::to_string(i) + " = v" + std::to_string(i - 1) + "\n";
    }
    loop += "    os.system(v42)\n";
    CHECK(hits(loop) == Hits{"4 command", "49 command"});

    // Guards that do not guard: a class that lets `.` and `/` through, `$` with re.match.
    CHECK(hits(R"(import os, re
from flask import request
def f():
    name = request.args["n"]
    if re.fullmatch(r"[\w./-]+", name):
        open(name)
    if re.match(r"[a-z]+$", name):
        os.system("ls " + name)
    if re.fullmatch(r"[a-z0-9_-]+", name):
        os.system("ls " + name)
)") == Hits{"6 path", "8 command"});

    // Common method names are sinks only where the module they belong to is imported.
    CHECK(hits(R"(from flask import request
def f(scheduler, index, wiki):
    scheduler.execute(request.args["job"])
    index.search(request.args["q"], request.args["filter"])
    wiki.raw(request.args["page"])
    Color.from_string(request.args["color"])
)") == Hits{});
}
