// Property test of document synchronisation: random LSP edit sequences in each position encoding
// are applied both through the server's path (LineIndex -> byte offsets -> SourceFile with
// incremental reparse) and through an independent reference that works on code points. The texts
// must be equal after every edit, and the incremental tree must equal a fresh parse.
#include "analysis/syntax/source_file.hpp"
#include "protocol/position.hpp"
#include "server/lsp/documents.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using vigil::protocol::Position;
using vigil::protocol::PositionEncoding;

namespace {

// --- The reference: a text as code points, with the specification's rules written plainly. ---

std::u32string decode(const std::string& utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = length == 1 ? b : length == 2 ? b & 0x1F : length == 3 ? b & 0x0F : b & 0x07;
        for (int k = 1; k < length; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        out.push_back(cp);
        i += length;
    }
    return out;
}

std::string encode(const std::u32string& text) {
    std::string out;
    for (char32_t cp : text) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

std::size_t units(char32_t cp, PositionEncoding encoding) {
    switch (encoding) {
    case PositionEncoding::Utf8:
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    case PositionEncoding::Utf16:
        return cp < 0x10000 ? 1 : 2;
    case PositionEncoding::Utf32:
        return 1;
    }
    return 1;
}

// Index into `text` of an LSP position: lines end at \n, \r\n or \r; a character past the end of
// the line means the end of the line; a line past the end means the end of the text; a position
// inside a character means that character's start.
std::size_t reference_index(const std::u32string& text, Position position,
                            PositionEncoding encoding) {
    std::size_t i = 0;
    for (std::uint32_t line = 0; line < position.line; ++line) {
        while (i < text.size() && text[i] != U'\n' && text[i] != U'\r') {
            ++i;
        }
        if (i == text.size()) {
            return text.size();
        }
        i += (text[i] == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n') ? 2 : 1;
    }
    std::size_t counted = 0;
    while (i < text.size() && text[i] != U'\n' && text[i] != U'\r') {
        const std::size_t width = units(text[i], encoding);
        if (counted + width > position.character) {
            break;
        }
        counted += width;
        ++i;
    }
    return i;
}

const std::vector<std::string> fragments = {"x = 1",
                                            "eval(s)",
                                            "def f(a):",
                                            "    return a",
                                            "if x:",
                                            "s = '",
                                            "'",
                                            "\"",
                                            "(",
                                            ")",
                                            "é",
                                            "中",
                                            "😀",
                                            "𐐀",
                                            "\n",
                                            "\r\n",
                                            "\r",
                                            "\t",
                                            " ",
                                            "#",
                                            "subprocess.run(c, shell=True)"};

std::string random_text(std::mt19937& random, int pieces) {
    std::uniform_int_distribution<std::size_t> pick(0, fragments.size() - 1);
    std::string text;
    for (int i = 0; i < pieces; ++i) {
        text += fragments[pick(random)];
    }
    return text;
}

} // namespace

TEST_CASE("random edit sequences keep the document equal to the reference in every encoding") {
    constexpr int sequences = 300;
    constexpr int edits_per_sequence = 20;
    for (PositionEncoding encoding :
         {PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32}) {
        for (int sequence = 0; sequence < sequences; ++sequence) {
            const unsigned seed =
                1000u * static_cast<unsigned>(encoding) + static_cast<unsigned>(sequence);
            INFO("encoding " << vigil::protocol::encoding_name(encoding) << ", seed " << seed);
            std::mt19937 random(seed);
            std::string initial = random_text(random, 12);
            vigil::syntax::SourceFile file(initial);
            std::u32string reference = decode(initial);
            for (int step = 0; step < edits_per_sequence; ++step) {
                // Positions may lie past the end of a line or of the file.
                std::uniform_int_distribution<std::uint32_t> line(0, 8);
                std::uniform_int_distribution<std::uint32_t> character(0, 40);
                Position start{line(random), character(random)};
                Position end{line(random), character(random)};
                if (std::tie(end.line, end.character) < std::tie(start.line, start.character)) {
                    std::swap(start, end);
                }
                const std::string replacement = random_text(random, static_cast<int>(random() % 3));
                INFO("step " << step);

                vigil::server::apply_change(file, {vigil::protocol::Range{start, end}, replacement},
                                            encoding);
                const std::size_t from = reference_index(reference, start, encoding);
                const std::size_t to = reference_index(reference, end, encoding);
                reference.replace(from, to - from, decode(replacement));

                REQUIRE(file.text() == encode(reference));
            }
            auto parser = vigil::syntax::make_python_parser();
            const auto fresh = vigil::syntax::parse_python(parser.get(), file.text());
            REQUIRE(vigil::syntax::tree_sexp(file.tree()) == vigil::syntax::tree_sexp(fresh.get()));
        }
    }
}

TEST_CASE("a change without a range replaces the whole document") {
    vigil::syntax::SourceFile file("old text\n");
    vigil::server::apply_change(file, {std::nullopt, "new = 1\n"}, PositionEncoding::Utf16);
    CHECK(file.text() == "new = 1\n");
    auto parser = vigil::syntax::make_python_parser();
    CHECK(vigil::syntax::tree_sexp(file.tree()) ==
          vigil::syntax::tree_sexp(vigil::syntax::parse_python(parser.get(), file.text()).get()));
}
