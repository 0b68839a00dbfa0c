#pragma once
#include <string>
#include <vector>

#include "core/clip/clip_model.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/method_set.h"

namespace protext {

// A text near a class's ProText embedding: a description (of any class) or one of the
// ensemble's templates filled with the class's name.
struct NearText {
  std::string text;
  int class_index = 0;  // the class whose description or template it is
  bool is_template = false;
  double cosine = 0;    // with the class's ProText row
};

// What ProText did to one class: where its embedding now lies among descriptions and
// templates, and how far it moved from the single template toward the class's own
// descriptions (the L1 target it was trained on).
struct ClassMeaning {
  int class_index = 0;
  std::vector<NearText> nearest;  // nearest first
  bool has_descriptions = false;  // false: the cosines to the centroid are not defined
  double template_to_centroid = 0;  // before: cos(single template row, descriptions' mean)
  double protext_to_centroid = 0;   // after: cos(ProText row, descriptions' mean)
  double protext_to_template = 0;   // cos(ProText row, single template row)
};

// For every class of a set that has a ProText method: its k nearest texts among all
// descriptions of `descriptions` (may be null) and the ensemble templates filled with its
// name, and its cosines before and after. The set's Template and ProText methods must be
// there; an error says which is missing.
std::vector<ClassMeaning> prompt_meaning(ClipModel& model, const MethodSet& methods, const DescriptionSet* descriptions,
                                         const std::vector<std::string>& templates, int k);

}  // namespace protext
