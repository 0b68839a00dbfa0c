#include "core/image/image_header.h"

#include <cstring>

#include "core/error.h"

namespace protext {
namespace {

// Every read is bounds-checked: a header that points outside the data is a corrupt
// file, never an out-of-range read.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size, const std::string& name, const char* format)
      : data_(data), size_(size), name_(name), format_(format) {}

  size_t size() const { return size_; }
  const uint8_t* at(size_t offset) const { return data_ + offset; }
  bool has(size_t offset, size_t count) const { return offset <= size_ && count <= size_ - offset; }

  void need(size_t offset, size_t count, const char* what) const {
    if (!has(offset, count))
      throw Error(name_, std::string(format_) + " data is truncated (" + what + " missing)");
  }
  uint32_t u8(size_t o) const { need(o, 1, "header"); return data_[o]; }
  uint32_t be16(size_t o) const { need(o, 2, "header"); return (data_[o] << 8) | data_[o + 1]; }
  uint32_t le16(size_t o) const { need(o, 2, "header"); return data_[o] | (data_[o + 1] << 8); }
  uint32_t be32(size_t o) const { return (be16(o) << 16) | be16(o + 2); }
  uint32_t le32(size_t o) const { return le16(o) | (le16(o + 2) << 16); }
  uint64_t le64(size_t o) const { return le32(o) | (static_cast<uint64_t>(le32(o + 4)) << 32); }
  uint64_t be64(size_t o) const { return (static_cast<uint64_t>(be32(o)) << 32) | be32(o + 4); }
  bool tag(size_t o, const char* text) const {
    const size_t n = std::strlen(text);
    return has(o, n) && std::memcmp(data_ + o, text, n) == 0;
  }

  [[noreturn]] void corrupt(const std::string& what) const {
    throw Error(name_, std::string(format_) + " header is corrupt: " + what);
  }

 private:
  const uint8_t* data_;
  size_t size_;
  std::string name_;
  const char* format_;
};

// A TIFF structure (a .tif file, or the payload of an EXIF block): byte order, then
// IFD0's entries. Only the tags we need are read, each as SHORT or LONG.
struct TiffFields {
  int64_t width = -1, height = -1;  // -1: not given
  int orientation = 1;
};

TiffFields read_tiff_fields(const Bytes& b, size_t base) {
  TiffFields fields;
  const bool little = b.tag(base, "II");
  if (!little && !b.tag(base, "MM")) b.corrupt("byte order mark is neither II nor MM");
  auto u16 = [&](size_t o) { return little ? b.le16(base + o) : b.be16(base + o); };
  auto u32 = [&](size_t o) { return little ? b.le32(base + o) : b.be32(base + o); };
  auto u64 = [&](size_t o) { return little ? b.le64(base + o) : b.be64(base + o); };

  const uint32_t version = u16(2);
  const bool big = version == 43;  // BigTIFF: 8-byte offsets and counts
  if (version != 42 && !big) b.corrupt("TIFF version " + std::to_string(version));
  const uint64_t ifd = big ? u64(8) : u32(4);
  b.need(ifd, big ? 8 : 2, "image directory");
  const uint64_t count = big ? u64(ifd) : u16(ifd);
  const size_t entry_size = big ? 20 : 12;
  const size_t first = ifd + (big ? 8 : 2);
  if (count > (b.size() - first) / entry_size) b.need(b.size(), 1, "image directory entries");
  for (uint64_t i = 0; i < count; ++i) {
    const size_t e = first + i * entry_size;
    const uint32_t tag = u16(e), type = u16(e + 2);
    const size_t value = e + (big ? 12 : 8);
    uint64_t v = 0;
    if (type == 3) v = u16(value);        // SHORT
    else if (type == 4) v = u32(value);   // LONG
    else if (type == 16 && big) v = u64(value);  // LONG8
    else continue;
    // A size given twice is refused: libtiff decodes by the first, and a reader keeping the
    // last would check a size that is not the one decoded.
    if (tag == 256) {
      if (fields.width >= 0) b.corrupt("ImageWidth is given twice");
      fields.width = static_cast<int64_t>(v);
    } else if (tag == 257) {
      if (fields.height >= 0) b.corrupt("ImageLength is given twice");
      fields.height = static_cast<int64_t>(v);
    }
    else if (tag == 274) fields.orientation = v >= 1 && v <= 8 ? static_cast<int>(v) : 1;
  }
  return fields;
}

// EXIF blocks are optional extras: one we cannot parse leaves the image as stored
// rather than refusing a decodable picture.
int exif_orientation(const Bytes& b, size_t offset, size_t size) {
  if (b.tag(offset, "Exif")) {  // "Exif\0\0" prefix (JPEG always, WebP sometimes)
    if (size < 6) return 1;
    offset += 6;
    size -= 6;
  }
  if (!b.has(offset, size)) return 1;
  Bytes exif(b.at(offset), size, "", "EXIF");
  try {
    return read_tiff_fields(exif, 0).orientation;
  } catch (const Error&) {
    return 1;
  }
}

ImageHeader read_png(const Bytes& b) {
  ImageHeader h{ImageFormat::Png};
  b.need(8, 25, "IHDR chunk");
  if (!b.tag(12, "IHDR")) b.corrupt("first chunk is not IHDR");
  h.width = b.be32(16);
  h.height = b.be32(20);
  // Walking the chunk headers (not their data) finds eXIf and tells a truncated file
  // from a whole one, which libpng would otherwise fill in silently in places.
  size_t offset = 8;
  for (;;) {
    if (!b.has(offset, 8)) {
      h.truncation = "chunk header";
      break;
    }
    const uint32_t length = b.be32(offset);
    if (length > 0x7fffffffu) b.corrupt("chunk length " + std::to_string(length));
    if (!b.has(offset + 8, static_cast<size_t>(length) + 4)) {
      h.truncation = "chunk data";
      break;
    }
    if (b.tag(offset + 4, "eXIf")) h.orientation = exif_orientation(b, offset + 8, length);
    if (b.tag(offset + 4, "IEND")) break;
    offset += 12 + static_cast<size_t>(length);
  }
  return h;
}

bool is_sof(uint32_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

ImageHeader read_jpeg(const Bytes& b) {
  ImageHeader h{ImageFormat::Jpeg};
  size_t offset = 2;
  bool have_size = false;
  for (;;) {
    if (b.u8(offset) != 0xFF) b.corrupt("expected a marker at byte " + std::to_string(offset));
    while (b.u8(offset) == 0xFF) ++offset;  // fill bytes
    const uint32_t marker = b.u8(offset++);
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
    if (marker == 0xD9) b.corrupt("end of image before any scan");
    const uint32_t length = b.be16(offset);
    if (length < 2) b.corrupt("segment length " + std::to_string(length));
    b.need(offset, length, "segment");
    if (marker == 0xE1 && h.orientation == 1 && b.tag(offset + 2, "Exif"))
      h.orientation = exif_orientation(b, offset + 2, length - 2);
    if (is_sof(marker)) {
      h.height = b.be16(offset + 3);
      h.width = b.be16(offset + 5);
      have_size = true;
    }
    if (marker == 0xDA) {  // start of scan: entropy-coded data follows
      if (!have_size) b.corrupt("scan before any frame header");
      // Inside entropy-coded data 0xFF is always followed by 0x00 or a restart/scan
      // marker, so the first FF D9 after the scan is the real end of the image.
      for (size_t i = offset + length; i + 1 < b.size(); ++i)
        if (b.at(i)[0] == 0xFF && b.at(i)[1] == 0xD9) return h;
      h.truncation = "end-of-image marker";
      return h;
    }
    offset += length;
  }
}

ImageHeader read_bmp(const Bytes& b) {
  ImageHeader h{ImageFormat::Bmp};
  const uint32_t pixels_at = b.le32(10);
  const uint32_t info_size = b.le32(14);
  uint32_t bits = 0, compression = 0;
  if (info_size == 12) {  // OS/2 BITMAPCOREHEADER: 16-bit sizes
    h.width = static_cast<int16_t>(b.le16(18));
    h.height = static_cast<int16_t>(b.le16(20));
    bits = b.le16(24);
  } else if (info_size >= 40) {
    h.width = static_cast<int32_t>(b.le32(18));
    h.height = static_cast<int32_t>(b.le32(22));
    bits = b.le16(28);
    compression = b.le32(30);
  } else {
    b.corrupt("info header size " + std::to_string(info_size));
  }
  if (h.height < 0) h.height = -h.height;  // negative height: rows stored top-down
  if (h.width <= 0 || h.height <= 0)
    b.corrupt("image size " + std::to_string(h.width) + " x " + std::to_string(h.height));
  // Uncompressed rows have a known size, so a short file is known to be truncated.
  if ((compression == 0 || compression == 3) && bits > 0 && bits <= 32) {
    const uint64_t stride = (static_cast<uint64_t>(h.width) * bits + 31) / 32 * 4;
    const uint64_t needed = pixels_at + stride * static_cast<uint64_t>(h.height);
    if (needed > b.size()) h.truncation = "pixel rows";
  }
  return h;
}

ImageHeader read_webp(const Bytes& b) {
  ImageHeader h{ImageFormat::WebP};
  const uint64_t riff_end = static_cast<uint64_t>(b.le32(4)) + 8;
  if (riff_end > b.size()) h.truncation = "RIFF payload";
  if (b.tag(12, "VP8 ")) {
    if (b.u8(23) != 0x9D || b.u8(24) != 0x01 || b.u8(25) != 0x2A) b.corrupt("VP8 start code missing");
    h.width = b.le16(26) & 0x3FFF;
    h.height = b.le16(28) & 0x3FFF;
  } else if (b.tag(12, "VP8L")) {
    if (b.u8(20) != 0x2F) b.corrupt("VP8L signature missing");
    const uint32_t bits = b.le32(21);
    h.width = (bits & 0x3FFF) + 1;
    h.height = ((bits >> 14) & 0x3FFF) + 1;
  } else if (b.tag(12, "VP8X")) {
    h.width = (b.le32(24) & 0xFFFFFF) + 1;
    h.height = (b.le32(27) & 0xFFFFFF) + 1;
    for (size_t offset = 12; offset + 8 <= riff_end;) {
      if (!b.has(offset, 8) || !b.has(offset + 8, b.le32(offset + 4))) {
        h.truncation = "chunk data";
        break;
      }
      const uint32_t length = b.le32(offset + 4);
      if (b.tag(offset, "EXIF")) h.orientation = exif_orientation(b, offset + 8, length);
      offset += 8 + static_cast<size_t>(length) + (length & 1);
    }
  } else {
    b.corrupt("unknown WebP chunk");
  }
  return h;
}

ImageHeader read_tiff(const Bytes& b) {
  const TiffFields fields = read_tiff_fields(b, 0);
  if (fields.width <= 0 || fields.height <= 0) b.corrupt("image width or length tag missing");
  return ImageHeader{ImageFormat::Tiff, fields.width, fields.height, fields.orientation};
}

ImageHeader read_gif(const Bytes& b) {
  return ImageHeader{ImageFormat::Gif, b.le16(6), b.le16(8)};
}

}  // namespace

const char* format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::WebP: return "WebP";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::Gif: return "GIF";
    case ImageFormat::Unknown: break;
  }
  return "unknown";
}

ImageFormat sniff_format(const uint8_t* data, size_t size) {
  auto starts = [&](const char* magic, size_t n, size_t at = 0) {
    return size >= at + n && std::memcmp(data + at, magic, n) == 0;
  };
  if (starts("\x89PNG\r\n\x1a\n", 8)) return ImageFormat::Png;
  if (starts("\xFF\xD8\xFF", 3)) return ImageFormat::Jpeg;
  if (starts("BM", 2) && size >= 26) return ImageFormat::Bmp;
  if (starts("RIFF", 4) && starts("WEBP", 4, 8)) return ImageFormat::WebP;
  if (starts("II*\0", 4) || starts("MM\0*", 4) || starts("II+\0", 4) || starts("MM\0+", 4))
    return ImageFormat::Tiff;
  if (starts("GIF87a", 6) || starts("GIF89a", 6)) return ImageFormat::Gif;
  return ImageFormat::Unknown;
}

ImageHeader read_image_header(const uint8_t* data, size_t size, const std::string& name) {
  const ImageFormat format = sniff_format(data, size);
  if (format == ImageFormat::Unknown)
    throw Error(name, "not an image in a known format (JPEG, PNG, BMP, WebP, TIFF)");
  const Bytes b(data, size, name, format_name(format));
  ImageHeader h;
  switch (format) {
    case ImageFormat::Png: h = read_png(b); break;
    case ImageFormat::Jpeg: h = read_jpeg(b); break;
    case ImageFormat::Bmp: h = read_bmp(b); break;
    case ImageFormat::WebP: h = read_webp(b); break;
    case ImageFormat::Tiff: h = read_tiff(b); break;
    case ImageFormat::Gif: h = read_gif(b); break;
    case ImageFormat::Unknown: break;
  }
  if (h.width <= 0 || h.height <= 0)
    b.corrupt("image size " + std::to_string(h.width) + " x " + std::to_string(h.height));
  return h;
}

}  // namespace protext
