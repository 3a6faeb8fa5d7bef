// The open documents: their exact text (kept in step with the client through incremental edits in
// the negotiated position encoding), their syntax trees, and their latest analysis result.
#pragma once

#include "analysis/dependencies/requirements.hpp"
#include "analysis/finding.hpp"
#include "analysis/syntax/source_file.hpp"
#include "protocol/position.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vigil::server {

// A contentChange of textDocument/didChange: a range edit, or the whole text when `range` is empty.
struct ContentChange {
    std::optional<protocol::Range> range;
    std::string text;
};

// An analysis result for one generation of a document, already in LSP form.
struct PublishedResult {
    std::uint64_t generation = 0;
    std::int64_t version = 0;
    nlohmann::json diagnostics = nlohmann::json::array();
    std::vector<analysis::Finding> findings; // diagnostics[i] was made from findings[i]
    std::string result_id;
};

struct Document {
    Document(std::string uri_, std::string path_, std::int64_t version_, std::string text)
        : uri(std::move(uri_)), path(std::move(path_)), version(version_), file(std::move(text)) {}

    std::string uri;
    std::string path; // file system path when the URI is a file: URI, else the URI
    std::int64_t version = 0;
    // Increases with every change to any document, so a (uri, generation) pair names one text.
    std::uint64_t generation = 0;
    syntax::SourceFile file;
    // A requirements file or pyproject.toml (by languageId or name) goes to the dependency
    // checker instead of the Python engine.
    analysis::DependencyFormat format = analysis::DependencyFormat::None;
    std::optional<PublishedResult> result;
};

class DocumentStore {
public:
    Document& open(const std::string& uri, std::int64_t version, std::string text);
    // Applies changes in order. Returns the document, or nullptr if it is not open.
    Document* change(const std::string& uri, std::int64_t version,
                     const std::vector<ContentChange>& changes,
                     protocol::PositionEncoding encoding);
    void close(const std::string& uri);

    Document* find(const std::string& uri);
    std::vector<Document*> all();

private:
    std::uint64_t next_generation_ = 0;
    std::map<std::string, Document> documents_;
};

// Applies one LSP change to a source file (exposed for tests).
void apply_change(syntax::SourceFile& file, const ContentChange& change,
                  protocol::PositionEncoding encoding);

// "file:///a%20b.py" -> "/a b.py"; other schemes are returned unchanged.
std::string uri_to_path(const std::string& uri);

} // namespace vigil::server
