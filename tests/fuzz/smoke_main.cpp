// Runs a fuzz target over the files given on the command line (the seed corpus), so the targets
// are compiled and exercised by the ordinary test suite with any compiler.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::ifstream stream(argv[i], std::ios::binary);
        if (!stream) {
            std::cerr << "cannot read " << argv[i] << '\n';
            return 1;
        }
        const std::string bytes{std::istreambuf_iterator<char>(stream), {}};
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::cout << "ran " << argc - 1 << " inputs\n";
    return 0;
}
