// raw_write: the storage ceiling the import benchmark is compared with.
// Writes N values of the given size into a fresh RocksDB, in WriteBatches
// of --batch values, each written with the WAL synced: what `creditnode
// import` must do at least, without validation, signing or indexing.
//
//   raw_write --db DIR --records N --value-bytes B --batch K
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

int main(int argc, char** argv) {
  CLI::App app{"Synced RocksDB batch writes: the storage ceiling for imports"};
  std::string path;
  uint64_t records = 1000000, value_bytes = 1000, batch = 2000;
  app.add_option("--db", path, "Directory to create")->required();
  app.add_option("--records", records, "Values to write");
  app.add_option("--value-bytes", value_bytes, "Bytes per value");
  app.add_option("--batch", batch, "Values per synced WriteBatch");
  CLI11_PARSE(app, argc, argv);

  rocksdb::Options options;
  options.create_if_missing = true;
  options.error_if_exists = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, &raw);
  if (!s.ok()) {
    std::fprintf(stderr, "error: %s\n", s.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions sync;
  sync.sync = true;
  // Values differ per record so compression cannot flatter the figure.
  std::string value(value_bytes, 'x');
  const auto start = std::chrono::steady_clock::now();
  rocksdb::WriteBatch wb;
  for (uint64_t i = 0; i < records; ++i) {
    char key[9];
    for (int b = 0; b < 8; ++b) key[b] = static_cast<char>(i >> (56 - 8 * b));
    for (size_t j = 0; j < value.size(); j += 64) value[j] = static_cast<char>('a' + (i + j) % 26);
    wb.Put(rocksdb::Slice(key, 8), value);
    if (wb.Count() == batch || i + 1 == records) {
      s = db->Write(sync, &wb);
      if (!s.ok()) {
        std::fprintf(stderr, "error: %s\n", s.ToString().c_str());
        return 1;
      }
      wb.Clear();
    }
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("raw_write: %llu values of %llu bytes in %.2f s = %.0f values/s\n",
              static_cast<unsigned long long>(records),
              static_cast<unsigned long long>(value_bytes), secs, records / secs);
  return 0;
}
