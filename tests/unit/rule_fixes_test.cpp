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
        // B701: select_autoescape() through the module the call used, a name already imported,
        // or `import jinja2` added.
        {"B701", "import jinja2\nenv = jinja2.Environment(loader=loader)\n",
         "import jinja2\nenv = jinja2.Environment(loader=loader, "
         "autoescape=jinja2.select_autoescape())\n",
         Applicability::Unsafe},
        {"B701", "import jinja2 as j\nenv = j.Environment(autoescape=None)\n",
         "import jinja2 as j\nenv = j.Environment(autoescape=j.select_autoescape())\n",
         Applicability::Unsafe},
        {"B701", "from jinja2 import Environment\nenv = Environment(autoescape=False)\n",
         "from jinja2 import Environment\nimport jinja2\n"
         "env = Environment(autoescape=jinja2.select_autoescape())\n",
         Applicability::Unsafe},
        {"B701", "from jinja2 import Environment, select_autoescape\nenv = Environment()\n",
         "from jinja2 import Environment, select_autoescape\n"
         "env = Environment(autoescape=select_autoescape())\n",
         Applicability::Unsafe},
        {"B701",
         "import jinja2\ntitle = \"Café\"\nenv = jinja2.Environment(\n    loader=loader,\n)\n",
         "import jinja2\ntitle = \"Café\"\nenv = jinja2.Environment(\n    loader=loader,\n"
         "    autoescape=jinja2.select_autoescape(),\n)\n",
         Applicability::Unsafe},
        // B702: escape every expression.
        {"B702", "from mako.template import Template\npage = Template(text)  # ünïcode\n",
         "from mako.template import Template\npage = Template(text, default_filters=[\"h\"])  "
         "# ünïcode\n",
         Applicability::Unsafe},
        // B704: let Markup's own formatting escape the values.
        {"B704", "from markupsafe import Markup\nhtml = Markup(f\"<b>{name}</b>\")\n",
         "from markupsafe import Markup\nhtml = Markup(\"<b>{}</b>\").format(name)\n",
         Applicability::Unsafe},
        {"B704",
         "from markupsafe import Markup\nrow = "
         "Markup(f\"<td>{price:.2f}</td><td>{d['k']!r}</td>\")\n",
         "from markupsafe import Markup\nrow = Markup(\"<td>{:.2f}</td><td>{!r}</td>\")"
         ".format(price, d['k'])\n",
         Applicability::Unsafe},
        {"B704", "from markupsafe import Markup\nh = Markup(Rf\"<b>{x}</b>\\n{{}}\")\n",
         "from markupsafe import Markup\nh = Markup(R\"<b>{}</b>\\n{{}}\").format(x)\n",
         Applicability::Unsafe},
        {"B704", "import markupsafe\nh = markupsafe.Markup(\"<i>{}</i> é\".format(user.name))\n",
         "import markupsafe\nh = markupsafe.Markup(\"<i>{}</i> é\").format(user.name)\n",
         Applicability::Unsafe},
        {"B704", "from markupsafe import Markup\nh = Markup(\"<i>%s</i>\" % (a, b))\n",
         "from markupsafe import Markup\nh = Markup(\"<i>%s</i>\") % (a, b)\n",
         Applicability::Unsafe},
        {"B704", "from markupsafe import Markup\nh = Markup(\"<i>%s</i>\" % name).striptags()\n",
         "from markupsafe import Markup\nh = (Markup(\"<i>%s</i>\") % name).striptags()\n",
         Applicability::Unsafe},
        // B311: the secrets function that means the same, with `import secrets`.
        // B306: create the file now and keep its name.
        {"B306", "import tempfile\np = tempfile.mktemp()\n",
         "import tempfile\np = tempfile.NamedTemporaryFile(delete=False).name\n",
         Applicability::Unsafe},
        {"B306", "from tempfile import mktemp\np = mktemp(\".csv\", dir=d)  # données\n",
         "from tempfile import mktemp\nimport tempfile\n"
         "p = tempfile.NamedTemporaryFile(suffix=\".csv\", dir=d, delete=False).name  # données\n",
         Applicability::Unsafe},
        {"B311", "import random\nx = random.choice(items)\n",
         "import random\nimport secrets\nx = secrets.choice(items)\n", Applicability::Unsafe},
        {"B311", "import random\nimport secrets\nn = random.randrange(10)\n",
         "import random\nimport secrets\nn = secrets.randbelow(10)\n", Applicability::Unsafe},
        {"B311", "from random import getrandbits as bits\nk = bits(128)  # clé\n",
         "from random import getrandbits as bits\nimport secrets\nk = secrets.randbits(128)  # "
         "clé\n",
         Applicability::Unsafe},
        {"B311", "import random\nsalt = random.randbytes(16)\n",
         "import random\nimport secrets\nsalt = secrets.token_bytes(16)\n", Applicability::Unsafe},
        // B313-B319: the defusedxml function of the same name.
        {"B313", "from xml.etree import cElementTree\nroot = cElementTree.fromstring(body)\n",
         "from xml.etree import cElementTree\nimport defusedxml.ElementTree\n"
         "root = defusedxml.ElementTree.fromstring(body)\n",
         Applicability::Unsafe},
        {"B314", "import xml.etree.ElementTree as ET\ntree = ET.parse(path)\n",
         "import xml.etree.ElementTree as ET\nimport defusedxml.ElementTree\n"
         "tree = defusedxml.ElementTree.parse(path)\n",
         Applicability::Unsafe},
        {"B314", "import xml.etree.ElementTree as ET\np = ET.XMLParser(target=builder)\n",
         "import xml.etree.ElementTree as ET\nimport defusedxml.ElementTree\n"
         "p = defusedxml.ElementTree.XMLParser(target=builder)\n",
         Applicability::Unsafe},
        {"B315", "from xml.sax import expatreader\nparser = expatreader.create_parser()\n",
         "from xml.sax import expatreader\nimport defusedxml.expatreader\n"
         "parser = defusedxml.expatreader.create_parser()\n",
         Applicability::Unsafe},
        {"B316", "from xml.dom import expatbuilder\ndoc = expatbuilder.parseString(body)\n",
         "from xml.dom import expatbuilder\nimport defusedxml.expatbuilder\n"
         "doc = defusedxml.expatbuilder.parseString(body)\n",
         Applicability::Unsafe},
        {"B317", "import xml.sax\nxml.sax.parseString(body.encode(), handler)\n",
         "import xml.sax\nimport defusedxml.sax\n"
         "defusedxml.sax.parseString(body.encode(), handler)\n",
         Applicability::Unsafe},
        {"B317", "from xml.sax import parse\nparse(path, handler)\n",
         "from xml.sax import parse\nimport defusedxml.sax\ndefusedxml.sax.parse(path, handler)\n",
         Applicability::Unsafe},
        {"B318",
         "import defusedxml.minidom\nfrom xml.dom import minidom\n\ndoc = minidom.parse(f)  # ü\n",
         "import defusedxml.minidom\nfrom xml.dom import minidom\n\n"
         "doc = defusedxml.minidom.parse(f)  # ü\n",
         Applicability::Unsafe},
        {"B319", "from xml.dom.pulldom import parseString\nevents = parseString(body)\n",
         "from xml.dom.pulldom import parseString\nimport defusedxml.pulldom\n"
         "events = defusedxml.pulldom.parseString(body)\n",
         Applicability::Unsafe},
        // B323: the verifying default context.
        {"B323", "import ssl\nctx = ssl._create_unverified_context()\n",
         "import ssl\nctx = ssl.create_default_context()\n", Applicability::Unsafe},
        {"B323",
         "from ssl import _create_unverified_context as unverified\nctx = unverified(cafile=ca)\n",
         "from ssl import _create_unverified_context as unverified\nimport ssl\n"
         "ctx = ssl.create_default_context(cafile=ca)\n",
         Applicability::Unsafe},
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
        // VG1xx (Vigil's own; the default profile): web framework settings.
        {"VG101", "INSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nDEBUG = True\n",
         "INSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nDEBUG = False\n", Applicability::Unsafe},
        {"VG103", "import os\nINSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nSECRET_KEY = \"k\"\n",
         "import os\nINSTALLED_APPS = []\nROOT_URLCONF = \"u\"\n"
         "SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\n",
         Applicability::Unsafe},
        {"VG103",
         "\"\"\"Settings.\"\"\"\nINSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nSECRET_KEY = b\"k\"\n",
         "\"\"\"Settings.\"\"\"\nimport os\nINSTALLED_APPS = []\nROOT_URLCONF = \"u\"\n"
         "SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\n",
         Applicability::Unsafe},
        {"VG104", "INSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nCSRF_COOKIE_SECURE = False\n",
         "INSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nCSRF_COOKIE_SECURE = True\n",
         Applicability::Unsafe},
        {"VG105", "INSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nSECURE_SSL_REDIRECT = False\n",
         "INSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nSECURE_SSL_REDIRECT = True\n",
         Applicability::Unsafe},
        {"VG106", "from flask import Flask\napp = Flask(__name__)\napp.secret_key = \"dev\"\n",
         "from flask import Flask\nimport os\napp = Flask(__name__)\n"
         "app.secret_key = os.environ[\"FLASK_SECRET_KEY\"]\n",
         Applicability::Unsafe},
        {"VG106",
         "import os, flask\napp = flask.Flask(__name__)\napp.config.update(SECRET_KEY=\"k\")\n",
         "import os, flask\napp = flask.Flask(__name__)\n"
         "app.config.update(SECRET_KEY=os.environ[\"FLASK_SECRET_KEY\"])\n",
         Applicability::Unsafe},
        {"VG107",
         "import flask\napp = flask.Flask(__name__)\napp.config[\"SESSION_COOKIE_SECURE\"] = "
         "False\n",
         "import flask\napp = flask.Flask(__name__)\napp.config[\"SESSION_COOKIE_SECURE\"] = "
         "True\n",
         Applicability::Unsafe},
        {"VG107",
         "import flask\napp = "
         "flask.Flask(__name__)\napp.config.update(SESSION_COOKIE_SAMESITE=None)\n",
         "import flask\napp = "
         "flask.Flask(__name__)\napp.config.update(SESSION_COOKIE_SAMESITE=\"Lax\")\n",
         Applicability::Unsafe},
        {"VG108",
         "import flask\napp = flask.Flask(__name__)\napp.run(host=\"0.0.0.0\", debug=True)\n",
         "import flask\napp = flask.Flask(__name__)\napp.run(host=\"0.0.0.0\", debug=False)\n",
         Applicability::Unsafe},
        // VG110: the missing flags added, explicit insecure ones replaced.
        {"VG110", "def v(r):\n    r.set_cookie(\"s\", t)\n",
         "def v(r):\n    r.set_cookie(\"s\", t, secure=True, httponly=True, samesite=\"Lax\")\n",
         Applicability::Unsafe},
        {"VG110", "r.set_cookie(\n    \"s\",\n    t,\n    secure=False,\n    samesite=None,\n)\n",
         "r.set_cookie(\n    \"s\",\n    t,\n    secure=True,\n    samesite=\"Lax\",\n"
         "    httponly=True,\n)\n",
         Applicability::Unsafe},
        // VG121, VG122: CSRF protection back on.
        {"VG121",
         "import flask\napp = flask.Flask(__name__)\napp.config[\"WTF_CSRF_ENABLED\"] = False\n",
         "import flask\napp = flask.Flask(__name__)\napp.config[\"WTF_CSRF_ENABLED\"] = True\n",
         Applicability::Unsafe},
        {"VG122",
         "MIDDLEWARE = [\n    \"django.middleware.common.CommonMiddleware\",\n    \"x.Y\",\n]\n",
         "MIDDLEWARE = [\n    \"django.middleware.common.CommonMiddleware\",\n"
         "    \"django.middleware.csrf.CsrfViewMiddleware\",\n    \"x.Y\",\n]\n",
         Applicability::Unsafe},
        {"VG122",
         "MIDDLEWARE = [\n    \"x.Y\",\n    \"django.middleware.common.CommonMiddleware\"\n]\n",
         "MIDDLEWARE = [\n    \"x.Y\",\n    \"django.middleware.common.CommonMiddleware\",\n"
         "    \"django.middleware.csrf.CsrfViewMiddleware\"\n]\n",
         Applicability::Unsafe},
        {"VG122", "MIDDLEWARE = (\"django.middleware.common.CommonMiddleware\",)\n",
         "MIDDLEWARE = (\"django.middleware.common.CommonMiddleware\", "
         "\"django.middleware.csrf.CsrfViewMiddleware\",)\n",
         Applicability::Unsafe},
        {"VG131", "INSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nDEBUG_PROPAGATE_EXCEPTIONS = True\n",
         "INSTALLED_APPS = []\nROOT_URLCONF = \"u\"\nDEBUG_PROPAGATE_EXCEPTIONS = False\n",
         Applicability::Unsafe},
        // VG140: the scheme of the literal, wherever it is.
        {"VG140", "import requests\nrequests.get(\"http://api.github.com/x\", timeout=5)\n",
         "import requests\nrequests.get(\"https://api.github.com/x\", timeout=5)\n",
         Applicability::Unsafe},
        {"VG140", "import requests\nAPI = f\"HTTP://api.github.com/{v}\"\nrequests.get(API + p)\n",
         "import requests\nAPI = f\"https://api.github.com/{v}\"\nrequests.get(API + p)\n",
         Applicability::Unsafe},
        // VG2xx (Vigil's own): secrets, crypto, deserialization, files.
        // VG204: hmac.compare_digest, `not` for !=, `import hmac` added once.
        {"VG204", "def f(token, expected_token):\n    return token == expected_token\n",
         "import hmac\ndef f(token, expected_token):\n    return hmac.compare_digest(token, "
         "expected_token)\n",
         Applicability::Unsafe},
        {"VG204", "import hmac\nif sig != hmac.new(k, b, \"sha256\").hexdigest():\n    deny()\n",
         "import hmac\nif not hmac.compare_digest(sig, hmac.new(k, b, \"sha256\").hexdigest()):\n"
         "    deny()\n",
         Applicability::Unsafe},
        // VG230: allow_pickle removed.
        {"VG230", "import numpy as np\nd = np.load(p, allow_pickle=True)\n",
         "import numpy as np\nd = np.load(p)\n", Applicability::Unsafe},
        // VG241: 0o700 for directories, 0o600 for files.
        {"VG241", "import os\nos.makedirs(d, mode=0o777)\n",
         "import os\nos.makedirs(d, mode=0o700)\n", Applicability::Unsafe},
        {"VG241", "import os\nfd = os.open(p, os.O_CREAT, 0o777)\n",
         "import os\nfd = os.open(p, os.O_CREAT, 0o600)\n", Applicability::Unsafe},
        // VG242 (opt-in): encoding="utf-8" appended.
        {"VG242", "with open(p, \"w\") as f:\n    pass\n",
         "with open(p, \"w\", encoding=\"utf-8\") as f:\n    pass\n", Applicability::Unsafe},
        {"VG242", "from pathlib import Path\nt = Path(p).read_text()\n",
         "from pathlib import Path\nt = Path(p).read_text(encoding=\"utf-8\")\n",
         Applicability::Unsafe},
    };
    auto parser = syntax::make_python_parser();
    analysis::Config config;
    config.profile = analysis::ProfileName::Bandit;
    for (const FixCase& fix_case : cases) {
        INFO(fix_case.input);
        // Vigil's own rules (VG...) are in the default profile, not in the bandit one; an opt-in
        // rule (VG242) runs only when selected by its code.
        analysis::Config case_config = config;
        if (fix_case.code.starts_with("VG")) {
            case_config.profile = analysis::ProfileName::Default;
            if (const analysis::Rule* rule = analysis::find_rule(fix_case.code);
                rule && (rule->info.profiles & analysis::ProfileOptIn)) {
                case_config.select = {fix_case.code};
            }
        }
        const auto tree = syntax::parse_python(parser.get(), fix_case.input);
        const auto findings = analysis::analyze(fix_case.input, tree.get(), "t.py", case_config);
        const analysis::Finding* finding = finding_with(findings, fix_case.code);
        REQUIRE(finding != nullptr);
        REQUIRE_FALSE(finding->fixes.empty());
        const analysis::Fix& fix = finding->fixes.front();
        CHECK(fix.applicability == fix_case.applicability);
        const std::string output = analysis::apply_edits(fix_case.input, fix.edits);
        CHECK(output == fix_case.expected);
        const auto fixed_tree = syntax::parse_python(parser.get(), output);
        CHECK_FALSE(ts_node_has_error(ts_tree_root_node(fixed_tree.get())));
        const auto after = analysis::analyze(output, fixed_tree.get(), "t.py", case_config);
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

TEST_CASE("jinja2: both autoescape fixes are offered, select_autoescape() first") {
    auto parser = syntax::make_python_parser();
    const std::string text = "import jinja2\nenv = jinja2.Environment(autoescape=False)\n";
    const auto tree = syntax::parse_python(parser.get(), text);
    const auto findings = analysis::analyze(text, tree.get(), "t.py", analysis::Config{});
    const analysis::Finding* finding = finding_with(findings, "B701");
    REQUIRE(finding != nullptr);
    REQUIRE(finding->fixes.size() == 2);
    CHECK(analysis::apply_edits(text, finding->fixes[1].edits) ==
          "import jinja2\nenv = jinja2.Environment(autoescape=True)\n");
    CHECK(finding->fixes[1].applicability == Applicability::Unsafe);
}

TEST_CASE("calls whose meaning a rewrite would change get no fix") {
    auto parser = syntax::make_python_parser();
    analysis::Config config;
    config.profile = analysis::ProfileName::Bandit;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"B311", "import random\nx = random.random()\n"},        // no secrets equivalent
        {"B311", "import random\nx = random.randrange(1, 7)\n"}, // randbelow has one argument
        {"B311", "import random\nx = random.randint(1, 6)\n"},
        {"B311", "import random\nx = random.randbytes(n=4)\n"},
        {"B314", "import xml.etree.ElementTree as ET\nr = ET.fromstring(t, parser)\n"},
        {"B314", "import xml.etree.ElementTree as ET\nr = ET.fromstring(t, parser=p)\n"},
        {"B323", "import ssl\nc = ssl._create_unverified_context(ssl.PROTOCOL_TLS_CLIENT)\n"},
        {"B323", "import ssl\nc = ssl._create_unverified_context(certfile=f)\n"},
        {"B306", "import tempfile\np = tempfile.mktemp(*parts)\n"}, // which parameter is which?
        {"B317", "import xml.sax\nxml.sax.parseString(text, handler)\n"}, // str or bytes?
        {"B317", "import xml.sax\np = xml.sax.make_parser([\"mod\"])\n"},
        {"B703", "from django.utils.safestring import mark_safe\nh = mark_safe(x)\n"},
        {"B701", "import jinja2\ne = jinja2.Environment(autoescape=escape)\n"},
        {"B701", "import jinja2\ne = jinja2.Environment(**options)\n"},
        {"B702",
         "from mako.template import Template\np = Template(t, default_filters=[\"str\"])\n"},
        {"B704", "from markupsafe import Markup\nh = Markup(name)\n"},
        {"B704", "from markupsafe import Markup\nh = Markup(f\"{x=}\")\n"},
        {"B704", "from markupsafe import Markup\nh = Markup(f\"{x:{width}}\")\n"},
    };
    for (const auto& [code, text] : cases) {
        INFO(text);
        const auto tree = syntax::parse_python(parser.get(), text);
        const auto findings = analysis::analyze(text, tree.get(), "t.py", config);
        const analysis::Finding* finding = finding_with(findings, code);
        REQUIRE(finding != nullptr);
        CHECK(finding->fixes.empty());
    }
}
