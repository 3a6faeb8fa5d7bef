#include "server/lsp/documents.hpp"

#include <algorithm>

namespace vigil::server {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

std::string uri_to_path(const std::string& uri) {
    constexpr std::string_view scheme = "file://";
    if (!uri.starts_with(scheme)) {
        return uri;
    }
    std::string path;
    for (std::size_t i = scheme.size(); i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 &&
            hex_value(uri[i + 2]) >= 0) {
            path.push_back(static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2])));
            i += 2;
        } else {
            path.push_back(uri[i]);
        }
    }
    return path;
}

void apply_change(syntax::SourceFile& file, const ContentChange& change,
                  protocol::PositionEncoding encoding) {
    if (!change.range) {
        file.replace(change.text);
        return;
    }
    const protocol::LineIndex index(file.text());
    std::size_t start = index.offset_of(change.range->start, encoding);
    std::size_t end = index.offset_of(change.range->end, encoding);
    if (end < start) {
        // A reversed range is a client bug; treat it as the range between the two positions.
        std::swap(start, end);
    }
    file.edit(start, end, change.text);
}

Document& DocumentStore::open(const std::string& uri, std::int64_t version, std::string text) {
    documents_.erase(uri);
    auto [it, inserted] =
        documents_.try_emplace(uri, uri, uri_to_path(uri), version, std::move(text));
    it->second.generation = ++next_generation_;
    return it->second;
}

Document* DocumentStore::change(const std::string& uri, std::int64_t version,
                                const std::vector<ContentChange>& changes,
                                protocol::PositionEncoding encoding) {
    Document* document = find(uri);
    if (!document) {
        return nullptr;
    }
    for (const ContentChange& change : changes) {
        apply_change(document->file, change, encoding);
    }
    document->version = version;
    document->generation = ++next_generation_;
    return document;
}

void DocumentStore::close(const std::string& uri) {
    documents_.erase(uri);
}

Document* DocumentStore::find(const std::string& uri) {
    const auto it = documents_.find(uri);
    return it == documents_.end() ? nullptr : &it->second;
}

std::vector<Document*> DocumentStore::all() {
    std::vector<Document*> result;
    for (auto& [uri, document] : documents_) {
        result.push_back(&document);
    }
    return result;
}

} // namespace vigil::server
