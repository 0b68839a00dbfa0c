#include "core/runtime/content_hash.h"

#include <fstream>
#include <iomanip>
#include <sstream>

namespace protext {

ContentHash& ContentHash::add(std::string_view part) {
  for (unsigned char c : part) {
    h_ ^= c;
    h_ *= 0x100000001b3ULL;
  }
  h_ ^= 0xff;
  h_ *= 0x100000001b3ULL;
  return *this;
}

std::string ContentHash::hex() const {
  std::ostringstream out;
  out << std::hex << std::setw(16) << std::setfill('0') << h_;
  return out.str();
}

bool is_zip_archive(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

}  // namespace protext
