#include "analysis/rules/injection/sql_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace vigil::analysis::rules::sql {

namespace {

struct Token {
    enum Kind { Word, Quoted, Hole, Punct } kind;
    std::string text;    // words as written; punctuation as its character
    bool spaced = false; // whitespace follows
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    auto word_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '@' ||
               c == '#' || static_cast<unsigned char>(c) >= 0x80;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!tokens.empty()) {
                tokens.back().spaced = true;
            }
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        Token::Kind kind = Token::Punct;
        if (c == hole || c == '?') {
            kind = Token::Hole;
        } else if (word_char(c)) {
            kind = Token::Word;
            while (end < text.size() && word_char(text[end])) {
                ++end;
            }
        } else if (c == '%' && i + 1 < text.size()) {
            // %s, %d, %(name)s
            kind = Token::Hole;
            if (text[i + 1] == '(') {
                end = text.find(')', i);
                end = end == std::string_view::npos ? text.size() : end + 1;
            }
            if (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) {
                ++end;
            } else {
                kind = Token::Punct;
                end = i + 1;
            }
        } else if (c == ':' && i + 1 < text.size() &&
                   (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '_')) {
            kind = Token::Hole; // :name
            while (end < text.size() && word_char(text[end])) {
                ++end;
            }
        } else if (c == '{' || c == '\'' || c == '"' || c == '`' || c == '[') {
            const char close = c == '{' ? '}' : c == '[' ? ']' : c;
            const std::size_t found = text.find(close, i + 1);
            if (found != std::string_view::npos) {
                kind = c == '{' ? Token::Hole : Token::Quoted;
                end = found + 1;
            }
        }
        tokens.push_back({kind, std::string(text.substr(i, end - i))});
        i = end;
    }
    return tokens;
}

std::string lower(std::string_view word) {
    std::string out(word);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_word(const std::vector<Token>& tokens, std::size_t i, std::string_view word) {
    return i < tokens.size() && tokens[i].kind == Token::Word && lower(tokens[i].text) == word;
}

bool is_punct(const std::vector<Token>& tokens, std::size_t i, char c) {
    return i < tokens.size() && tokens[i].kind == Token::Punct && tokens[i].text[0] == c;
}

// Words that begin English phrases and are not SQL names: "select a file", "from the list".
bool is_prose_word(std::string_view word) {
    static constexpr std::array<std::string_view, 28> words = {
        "a",    "an",   "the",   "your",  "my",  "our",   "their", "his",    "her", "its",
        "this", "that", "these", "those", "one", "which", "what",  "please", "you", "we",
        "i",    "me",   "them",  "it",    "of",  "to",    "some",  "every"};
    const std::string low = lower(word);
    return std::find(words.begin(), words.end(), low) != words.end();
}

// A word in sentence case ("Select") when the statement's other keyword is not: prose.
bool is_title(std::string_view word) {
    return word.size() > 1 && std::isupper(static_cast<unsigned char>(word[0])) &&
           std::all_of(word.begin() + 1, word.end(),
                       [](unsigned char c) { return std::islower(c); });
}

bool consistent_case(const Token& lead, const Token& keyword) {
    return !is_title(lead.text) || is_title(keyword.text);
}

// A table or column name: name(.name)*, where each name may be quoted or a placeholder. Returns
// the index after it, or `i` when there is none.
std::size_t name_at(const std::vector<Token>& tokens, std::size_t i) {
    std::size_t at = i;
    for (;;) {
        // A one-letter name ("FROM a JOIN b") is common in SQL; "the" or "your" is not.
        if (at >= tokens.size() || tokens[at].kind == Token::Punct ||
            (tokens[at].kind == Token::Word && tokens[at].text.size() > 1 &&
             is_prose_word(tokens[at].text))) {
            return at;
        }
        ++at;
        if (!tokens[at - 1].spaced && is_punct(tokens, at, '.') && !tokens[at].spaced) {
            ++at;
            continue;
        }
        return at;
    }
}

// What may follow the table of a FROM: the end, a clause, a join, a separator, a placeholder.
bool clause_follows(const std::vector<Token>& tokens, std::size_t i) {
    static constexpr std::array<std::string_view, 20> clauses = {
        "where",   "join",  "inner",  "left",  "right",     "outer", "cross",
        "natural", "full",  "order",  "group", "limit",     "using", "returning",
        "having",  "union", "offset", "fetch", "intersect", "except"};
    if (i >= tokens.size() || tokens[i].kind == Token::Hole || is_punct(tokens, i, ';') ||
        is_punct(tokens, i, ')') || is_punct(tokens, i, ',')) {
        return true;
    }
    if (tokens[i].kind != Token::Word) {
        return false;
    }
    const std::string word = lower(tokens[i].text);
    return std::find(clauses.begin(), clauses.end(), word) != clauses.end();
}

// After FROM: a table (or a subquery), then, optionally after an alias, a clause or the end.
bool table_then_clause(const std::vector<Token>& tokens, std::size_t i) {
    if (is_punct(tokens, i, '(')) {
        return true;
    }
    const std::size_t after = name_at(tokens, i);
    if (after == i) {
        return false;
    }
    if (clause_follows(tokens, after)) {
        return true;
    }
    std::size_t alias = after;
    if (is_word(tokens, alias, "as")) {
        ++alias;
    }
    // An alias with nothing after it ("delete from %s ok") reads as prose more often than SQL.
    const std::size_t after_alias = name_at(tokens, alias);
    return after_alias != alias && after_alias < tokens.size() &&
           clause_follows(tokens, after_alias);
}

bool select_at(const std::vector<Token>& tokens, std::size_t i) {
    int depth = 0;
    std::size_t from = tokens.size();
    for (std::size_t k = i + 1; k < tokens.size() && k < i + 400; ++k) {
        if (is_punct(tokens, k, '(')) {
            ++depth;
        } else if (is_punct(tokens, k, ')')) {
            --depth;
        } else if (depth == 0 && is_word(tokens, k, "from")) {
            from = k;
            break;
        }
        if (depth == 0) {
            // Sentence punctuation, or an English phrase as a column list: prose.
            const bool qualified = (is_punct(tokens, k + 1, '.') && !tokens[k].spaced) ||
                                   (k > 0 && is_punct(tokens, k - 1, '.') && !tokens[k - 1].spaced);
            if ((is_punct(tokens, k, '.') && tokens[k].spaced) || is_punct(tokens, k, '!') ||
                (tokens[k].kind == Token::Word && !qualified && is_prose_word(tokens[k].text))) {
                return false;
            }
        }
    }
    return from != tokens.size() && from > i + 1 && consistent_case(tokens[i], tokens[from]) &&
           table_then_clause(tokens, from + 1);
}

bool delete_at(const std::vector<Token>& tokens, std::size_t i) {
    return is_word(tokens, i + 1, "from") && consistent_case(tokens[i], tokens[i + 1]) &&
           table_then_clause(tokens, i + 2);
}

bool insert_at(const std::vector<Token>& tokens, std::size_t i) {
    std::size_t into = i + 1;
    if (is_word(tokens, into, "or")) {
        into += 2; // INSERT OR REPLACE INTO
    } else if (is_word(tokens, into, "ignore")) {
        ++into;
    }
    if (!is_word(tokens, into, "into") || !consistent_case(tokens[i], tokens[into])) {
        return false;
    }
    const std::size_t after = name_at(tokens, into + 1);
    if (after == into + 1) {
        return false;
    }
    return after >= tokens.size() || tokens[after].kind == Token::Hole ||
           is_punct(tokens, after, '(') || is_word(tokens, after, "values") ||
           is_word(tokens, after, "select") || is_word(tokens, after, "default") ||
           is_word(tokens, after, "set");
}

bool update_at(const std::vector<Token>& tokens, std::size_t i) {
    std::size_t table = i + 1;
    if (is_word(tokens, table, "or")) {
        table += 2; // UPDATE OR IGNORE
    }
    std::size_t at = name_at(tokens, table);
    if (at == table) {
        return false;
    }
    if (!is_word(tokens, at, "set")) { // an alias first
        if (is_word(tokens, at, "as")) {
            ++at;
        }
        const std::size_t after_alias = name_at(tokens, at);
        if (after_alias == at) {
            return false;
        }
        at = after_alias;
    }
    if (!is_word(tokens, at, "set") || !consistent_case(tokens[i], tokens[at])) {
        return false;
    }
    const std::size_t column = at + 1;
    if (is_punct(tokens, column, '(')) {
        return true; // SET (a, b) = ...
    }
    // SET %s: the assignments themselves put in, then the end or a clause.
    if (column < tokens.size() && tokens[column].kind == Token::Hole &&
        (column + 1 == tokens.size() || is_punct(tokens, column + 1, ';') ||
         is_punct(tokens, column + 1, ',') || is_word(tokens, column + 1, "where") ||
         is_word(tokens, column + 1, "returning") || is_word(tokens, column + 1, "from"))) {
        return true;
    }
    const std::size_t after = name_at(tokens, column);
    return after != column && is_punct(tokens, after, '=');
}

// Where a statement may begin: the start, after '(' or ';', a placeholder, or a set operator.
bool statement_start(const std::vector<Token>& tokens, std::size_t i) {
    if (i == 0) {
        return true;
    }
    const Token& before = tokens[i - 1];
    if (before.kind == Token::Hole || is_punct(tokens, i - 1, '(') ||
        is_punct(tokens, i - 1, ';')) {
        return true;
    }
    return is_word(tokens, i - 1, "union") || is_word(tokens, i - 1, "all") ||
           is_word(tokens, i - 1, "intersect") || is_word(tokens, i - 1, "except") ||
           is_word(tokens, i - 1, "explain");
}

} // namespace

bool looks_like_sql(std::string_view text) {
    const std::vector<Token> tokens = tokenize(text);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind != Token::Word || !statement_start(tokens, i)) {
            continue;
        }
        const std::string word = lower(tokens[i].text);
        if ((word == "select" && select_at(tokens, i)) ||
            (word == "delete" && delete_at(tokens, i)) ||
            ((word == "insert" || word == "replace") && insert_at(tokens, i)) ||
            (word == "update" && update_at(tokens, i))) {
            return true;
        }
    }
    return false;
}

bool mentions_statement(std::string_view text) {
    for (std::size_t i = 0; i + 6 <= text.size(); ++i) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
        if (c != 's' && c != 'i' && c != 'u' && c != 'd' && c != 'r') {
            continue;
        }
        const std::string word = lower(text.substr(i, 6));
        if (word == "select" || word == "insert" || word == "update" || word == "delete" ||
            word == "replac") {
            return true;
        }
    }
    return false;
}

bool value_position(std::string_view before) {
    while (!before.empty() && std::isspace(static_cast<unsigned char>(before.back()))) {
        before.remove_suffix(1);
    }
    if (before.empty()) {
        return false;
    }
    const char last = before.back();
    if (last == '=' || last == '<' || last == '>') {
        return true;
    }
    auto word_before = [](std::string_view text) {
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
            text.remove_suffix(1);
        }
        std::size_t begin = text.size();
        while (begin > 0 && (std::isalnum(static_cast<unsigned char>(text[begin - 1])) ||
                             text[begin - 1] == '_')) {
            --begin;
        }
        return lower(text.substr(begin));
    };
    if (last == '(' || last == ',') {
        int depth = 0;
        for (std::size_t i = before.size(); i-- > 0;) {
            if (before[i] == ')') {
                ++depth;
            } else if (before[i] == '(' && depth-- == 0) {
                const std::string word = word_before(before.substr(0, i));
                return word == "values" || word == "in";
            }
        }
        return false;
    }
    const std::string word = word_before(before);
    return word == "like" || word == "ilike" || word == "limit" || word == "offset";
}

} // namespace vigil::analysis::rules::sql
