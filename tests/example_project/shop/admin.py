"""Admin tasks for the shop. Written in a hurry."""
import subprocess

import yaml


def load_settings(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle)


def backup(target_dir):
    # The directory name comes from the admin form: a shell here runs whatever it contains.
    subprocess.run("tar czf /backups/shop.tgz " + target_dir, shell=True, check=True)


def calculator(expression):
    return eval(expression)


def run_plugin(source):
    exec(source)
