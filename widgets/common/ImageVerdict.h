#pragma once
#include <QStringList>

namespace protext {

// How the methods did on one image, for its badge in the thumbnail strip and the strip's
// filters: right or wrong needs the true class (the image's folder names one of the
// classes); disagreement and confidence do not.
struct ImageVerdict {
  enum Kind { Unknown, AllRight, SomeWrong, AllWrong };
  Kind kind = Unknown;
  bool judged = false;     // false until the classifiers have seen this image
  bool disagree = false;   // the methods' top-1 classes are not all the same
  double confidence = -1;  // the lowest top-1 probability among the methods; -1: not judged
  QStringList wrongBy;     // ids of the methods whose top-1 is not the true class
};

}  // namespace protext
