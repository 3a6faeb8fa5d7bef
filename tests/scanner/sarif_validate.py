"""A validator for the part of SARIF 2.1.0 that GitHub code scanning reads.

It follows the OASIS schema (sarif-schema-2.1.0.json) for the objects vigil writes: required
properties, types, enumerations, minimum values, and the properties each object may have (the
schema closes most objects with additionalProperties: false), plus GitHub's own rules for
security-severity, precision and tags. No network, no third-party package.
"""

import re
from urllib.parse import urlparse

LEVELS = {"none", "note", "warning", "error"}
PRECISIONS = {"very-high", "high", "medium", "low"}
COLUMN_KINDS = {"utf16CodeUnits", "unicodeCodePoints"}

ALLOWED = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "invocations", "conversion", "language", "versionControlProvenance",
            "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
            "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
            "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
            "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
            "translations", "policies", "webRequests", "webResponses", "specialLocations",
            "properties"},
    "tool": {"driver", "extensions", "properties"},
    "driver": {"guid", "name", "organization", "product", "productSuite", "shortDescription",
               "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
               "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings",
               "notifications", "rules", "taxa", "locations", "language", "contents",
               "isComprehensive", "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
               "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"},
    "rule": {"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
             "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration",
             "helpUri", "help", "relationships", "properties"},
    "multiformat": {"text", "markdown", "properties"},
    "configuration": {"enabled", "level", "rank", "parameters", "properties"},
    "result": {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
               "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
               "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
               "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
               "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
               "webResponse", "properties"},
    "message": {"text", "markdown", "id", "arguments", "properties"},
    "codeFlow": {"message", "threadFlows", "properties"},
    "threadFlow": {"id", "message", "initialState", "immutableState", "locations", "properties"},
    "threadFlowLocation": {"index", "location", "stack", "kinds", "taxa", "module", "state",
                           "nestingLevel", "executionOrder", "executionTimeUtc", "importance",
                           "webRequest", "webResponse", "properties"},
    "location": {"id", "physicalLocation", "logicalLocations", "message", "annotations",
                 "relationships", "properties"},
    "physicalLocation": {"address", "artifactLocation", "region", "contextRegion", "properties"},
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
               "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"},
    "invocation": {"commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc",
                   "exitCode", "ruleConfigurationOverrides", "notificationConfigurationOverrides",
                   "toolExecutionNotifications", "toolConfigurationNotifications",
                   "exitCodeDescription", "exitSignalName", "exitSignalNumber",
                   "processStartFailureMessage", "executionSuccessful", "machine", "account",
                   "processId", "executableLocation", "workingDirectory", "environmentVariables",
                   "stdin", "stdout", "stderr", "stdoutStderr", "properties"},
    "notification": {"locations", "message", "level", "threadId", "timeUtc", "exception",
                     "descriptor", "associatedRule", "properties"},
}


class SarifError(AssertionError):
    pass


def _check(condition, where, what):
    if not condition:
        raise SarifError(f"{where}: {what}")


def _object(value, kind, where, required=()):
    _check(isinstance(value, dict), where, f"expected an object ({kind})")
    extra = set(value) - ALLOWED[kind]
    _check(not extra, where, f"properties not allowed in {kind}: {sorted(extra)}")
    for name in required:
        _check(name in value, where, f"missing required property '{name}'")


def _string(value, where):
    _check(isinstance(value, str), where, "expected a string")


def _int(value, where, minimum):
    _check(isinstance(value, int) and not isinstance(value, bool), where, "expected an integer")
    _check(value >= minimum, where, f"must be >= {minimum}, got {value}")


def _uri(value, where, absolute=False):
    _string(value, where)
    _check(not re.search(r"[\s\\]", value), where, f"not a URI reference: {value!r}")
    if absolute:
        _check(urlparse(value).scheme != "", where, f"not an absolute URI: {value!r}")


def _message(value, where):
    _object(value, "message", where)
    _check("text" in value or "id" in value, where, "message needs text or id")
    if "text" in value:
        _string(value["text"], where + ".text")


def _multiformat(value, where):
    _object(value, "multiformat", where, ["text"])
    _string(value["text"], where + ".text")
    if "markdown" in value:
        _string(value["markdown"], where + ".markdown")


def _properties_tags(props, where):
    _check(isinstance(props, dict), where, "properties must be an object")
    if "tags" in props:
        tags = props["tags"]
        _check(isinstance(tags, list) and all(isinstance(t, str) for t in tags), where,
               "tags must be strings")
        _check(len(set(tags)) == len(tags), where, "tags must be unique")


def _rule(rule, where):
    _object(rule, "rule", where, ["id"])
    _string(rule["id"], where + ".id")
    for key in ("shortDescription", "fullDescription", "help"):
        if key in rule:
            _multiformat(rule[key], f"{where}.{key}")
    if "helpUri" in rule:
        _uri(rule["helpUri"], where + ".helpUri", absolute=True)
    if "defaultConfiguration" in rule:
        config = rule["defaultConfiguration"]
        _object(config, "configuration", where + ".defaultConfiguration")
        if "level" in config:
            _check(config["level"] in LEVELS, where, f"bad level {config['level']!r}")
    if "properties" in rule:
        props = rule["properties"]
        _properties_tags(props, where + ".properties")
        if "precision" in props:
            _check(props["precision"] in PRECISIONS, where, f"bad precision {props['precision']!r}")
        if "security-severity" in props:
            value = props["security-severity"]
            _check(isinstance(value, str), where, "security-severity must be a string")
            _check(0.0 <= float(value) <= 10.0, where, "security-severity out of range")


def _region(region, where):
    _object(region, "region", where)
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        if key in region:
            _int(region[key], f"{where}.{key}", 1)
    _check("startLine" in region or "charOffset" in region or "byteOffset" in region, where,
           "a region needs startLine, charOffset or byteOffset")
    if "endLine" in region:
        _check(region["endLine"] >= region["startLine"], where, "endLine before startLine")
        if region["endLine"] == region["startLine"] and "endColumn" in region:
            _check(region["endColumn"] >= region.get("startColumn", 1), where,
                   "endColumn before startColumn")


def _location(location, where, base_ids):
    _object(location, "location", where)
    if "physicalLocation" in location:
        physical = location["physicalLocation"]
        _object(physical, "physicalLocation", where + ".physicalLocation")
        if "artifactLocation" in physical:
            artifact = physical["artifactLocation"]
            _object(artifact, "artifactLocation", where + ".artifactLocation")
            _uri(artifact["uri"], where + ".uri", absolute="uriBaseId" not in artifact)
            if "uriBaseId" in artifact:
                _check(artifact["uriBaseId"] in base_ids, where,
                       f"uriBaseId {artifact['uriBaseId']!r} not in originalUriBaseIds")
                _check(not artifact["uri"].startswith("/"), where, "relative uri must not start with /")
        if "region" in physical:
            _region(physical["region"], where + ".region")


def validate(log):
    """Raises SarifError on the first problem; returns the number of results."""
    _object(log, "log", "$", ["version", "runs"])
    _check(log["version"] == "2.1.0", "$.version", "must be 2.1.0")
    _check(isinstance(log["runs"], list) and len(log["runs"]) == 1, "$.runs",
           "GitHub wants exactly one run per tool")
    count = 0
    for r, run in enumerate(log["runs"]):
        where = f"$.runs[{r}]"
        _object(run, "run", where, ["tool"])
        _object(run["tool"], "tool", where + ".tool", ["driver"])
        driver = run["tool"]["driver"]
        _object(driver, "driver", where + ".tool.driver", ["name"])
        _string(driver["name"], where + ".tool.driver.name")
        if "informationUri" in driver:
            _uri(driver["informationUri"], where + ".informationUri", absolute=True)
        rules = driver.get("rules", [])
        _check(isinstance(rules, list), where, "rules must be an array")
        ids = [rule.get("id") for rule in rules]
        _check(len(set(ids)) == len(ids), where, "rule ids must be unique")
        for i, rule in enumerate(rules):
            _rule(rule, f"{where}.tool.driver.rules[{i}]")
        base_ids = run.get("originalUriBaseIds", {})
        for name, base in base_ids.items():
            _object(base, "artifactLocation", f"{where}.originalUriBaseIds.{name}")
            _uri(base["uri"], f"{where}.originalUriBaseIds.{name}", absolute=True)
            _check(base["uri"].endswith("/"), where, "a base URI must end with /")
        if "columnKind" in run:
            _check(run["columnKind"] in COLUMN_KINDS, where, "bad columnKind")
        results = run.get("results", [])
        _check(isinstance(results, list), where, "results must be an array")
        for i, result in enumerate(results):
            rw = f"{where}.results[{i}]"
            _object(result, "result", rw, ["message"])
            _message(result["message"], rw + ".message")
            if "ruleId" in result:
                _string(result["ruleId"], rw + ".ruleId")
            if "ruleIndex" in result:
                _int(result["ruleIndex"], rw + ".ruleIndex", 0)
                _check(result["ruleIndex"] < len(rules), rw, "ruleIndex out of range")
                _check(rules[result["ruleIndex"]]["id"] == result.get("ruleId"), rw,
                       "ruleIndex names another rule")
            if "level" in result:
                _check(result["level"] in LEVELS, rw, f"bad level {result['level']!r}")
            locations = result.get("locations", [])
            _check(isinstance(locations, list), rw, "locations must be an array")
            for j, location in enumerate(locations):
                _location(location, f"{rw}.locations[{j}]", base_ids)
            if "codeFlows" in result:
                # codeFlow: threadFlows (minItems 1); threadFlow: locations (minItems 1).
                flows = result["codeFlows"]
                _check(isinstance(flows, list) and flows, rw, "codeFlows must be a non-empty array")
                for f, flow in enumerate(flows):
                    fw = f"{rw}.codeFlows[{f}]"
                    _object(flow, "codeFlow", fw, ["threadFlows"])
                    threads = flow["threadFlows"]
                    _check(isinstance(threads, list) and threads, fw, "threadFlows must be non-empty")
                    for t, thread in enumerate(threads):
                        tw = f"{fw}.threadFlows[{t}]"
                        _object(thread, "threadFlow", tw, ["locations"])
                        steps = thread["locations"]
                        _check(isinstance(steps, list) and steps, tw, "locations must be non-empty")
                        for s, step in enumerate(steps):
                            sw = f"{tw}.locations[{s}]"
                            _object(step, "threadFlowLocation", sw)
                            if "location" in step:
                                _location(step["location"], sw + ".location", base_ids)
                                if "message" in step["location"]:
                                    _message(step["location"]["message"], sw + ".location.message")
            if "partialFingerprints" in result:
                fps = result["partialFingerprints"]
                _check(isinstance(fps, dict) and all(isinstance(v, str) for v in fps.values()), rw,
                       "partialFingerprints must map to strings")
            count += 1
        for i, invocation in enumerate(run.get("invocations", [])):
            iw = f"{where}.invocations[{i}]"
            _object(invocation, "invocation", iw, ["executionSuccessful"])
            _check(isinstance(invocation["executionSuccessful"], bool), iw,
                   "executionSuccessful must be a boolean")
            for key in ("toolExecutionNotifications", "toolConfigurationNotifications"):
                for j, note in enumerate(invocation.get(key, [])):
                    nw = f"{iw}.{key}[{j}]"
                    _object(note, "notification", nw, ["message"])
                    _message(note["message"], nw + ".message")
                    if "level" in note:
                        _check(note["level"] in LEVELS, nw, f"bad level {note['level']!r}")
                    for k, location in enumerate(note.get("locations", [])):
                        _location(location, f"{nw}.locations[{k}]", base_ids)
    return count
