#include "widgets/common/MethodStyle.h"

#include <QHash>

namespace protext {

QString MethodStyle::label(const QString& method) {
  if (method == QLatin1String("template")) return tr("Template");
  if (method == QLatin1String("ensemble")) return tr("Ensemble");
  if (method == QLatin1String("descriptions")) return tr("Descriptions");
  if (method == QLatin1String("protext")) return QStringLiteral("ProText");
  return method;
}

QColor MethodStyle::color(const QString& method) {
  // Tableau-10 hues, none of them green: green means "the true class" in every chart.
  static const QHash<QString, QColor> kBuiltIn{{QStringLiteral("template"), QColor(78, 121, 167)},
                                                {QStringLiteral("ensemble"), QColor(176, 122, 161)},
                                                {QStringLiteral("descriptions"), QColor(242, 142, 43)},
                                                {QStringLiteral("protext"), QColor(225, 87, 89)}};
  const auto it = kBuiltIn.find(method);
  if (it != kBuiltIn.end()) return *it;
  static const QColor kOthers[] = {QColor(118, 183, 178), QColor(156, 117, 95), QColor(186, 176, 172),
                                   QColor(255, 157, 167), QColor(237, 201, 72)};
  return kOthers[qHash(method) % (sizeof kOthers / sizeof kOthers[0])];
}

QColor MethodStyle::trueClassColor() { return QColor(44, 160, 44); }
QColor MethodStyle::warningColor() { return QColor(180, 83, 9); }

}  // namespace protext
