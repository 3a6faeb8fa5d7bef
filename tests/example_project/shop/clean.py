"""The same tasks, done safely: nothing here should be reported."""
import ast
import subprocess

import yaml


def load_settings(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def backup(target_dir):
    subprocess.run(["tar", "czf", "/backups/shop.tgz", target_dir], check=True)


def calculator(expression):
    return ast.literal_eval(expression)
