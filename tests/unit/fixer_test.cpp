#include "server/check/fixer.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace vigil::server::check;
using vigil::analysis::TextEdit;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::stringstream buffer;
    buffer << stream.rdbuf();
    return buffer.str();
}

} // namespace

TEST_CASE("unified diff of fixes: hunks with context, grouped when close") {
    const std::string text = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
    // Change "b" (line 2) and "k" (line 11): too far apart for one hunk.
    const std::vector<TextEdit> edits = {{2, 3, "B"}, {20, 21, "K1\nK2"}};
    CHECK(unified_diff("x.py", text, edits) == "--- a/x.py\n+++ b/x.py\n"
                                               "@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n"
                                               "@@ -8,5 +8,6 @@\n h\n i\n j\n-k\n+K1\n+K2\n l\n");
    // An insertion at the top and an edit on line 3 share one hunk.
    CHECK(unified_diff("y.py", "x = 1\ny = 2\nz = eval(a)\n",
                       {{0, 0, "import ast\n"}, {16, 20, "ast.literal_eval"}}) ==
          "--- a/y.py\n+++ b/y.py\n"
          "@@ -1,3 +1,4 @@\n-x = 1\n+import ast\n+x = 1\n y = 2\n-z = eval(a)\n+z = "
          "ast.literal_eval(a)\n");
    CHECK(unified_diff("z.py", text, {}).empty());
}

TEST_CASE("fixed files are written atomically with their permissions, unless they changed") {
    const fs::path dir = fs::temp_directory_path() / ("vigil-fixer-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "m.py";
    std::ofstream(file, std::ios::binary) << "old\n";
    ::chmod(file.c_str(), 0640);
    std::string error;
    CHECK(write_if_unchanged(file.string(), "old\n", "new\n", error) == WriteOutcome::Written);
    CHECK(read(file) == "new\n");
    struct stat status {};
    REQUIRE(::stat(file.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0640);
    // The file no longer holds what was analysed: left alone.
    CHECK(write_if_unchanged(file.string(), "old\n", "newer\n", error) ==
          WriteOutcome::ChangedOnDisk);
    CHECK(read(file) == "new\n");
    std::size_t leftovers = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) {
        ++leftovers;
    }
    CHECK(leftovers == 1); // no temporary file left behind
    fs::remove_all(dir);
}
