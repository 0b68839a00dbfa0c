#include "widgets/common/ProcessMemory.h"

#include <QFile>
#include <unistd.h>

namespace protext {

qint64 residentMemoryBytes() {
  QFile statm("/proc/self/statm");
  if (!statm.open(QIODevice::ReadOnly)) return 0;
  const QList<QByteArray> fields = statm.readAll().split(' ');
  if (fields.size() < 2) return 0;
  return fields[1].toLongLong() * sysconf(_SC_PAGESIZE);
}

}  // namespace protext
