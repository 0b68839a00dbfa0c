#pragma once
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace protext {

// Switches the user-interface language at run time. The studio's own catalogues are
// embedded as ":/i18n/protext_<language>.qm"; Qt's catalogue for its standard dialogs and
// buttons (qtbase_<language>.qm) is taken from the Qt installation when it is there.
class Translations {
 public:
  // Languages the studio ships, as locale names: "en" (the source language) and "zh_CN".
  static QStringList available();
  // Removes the catalogues installed before, then installs those of `language`; "" or
  // "system" picks the best match for QLocale::system() and falls back to English. Returns
  // whether the language is now in effect (English always is; another needs its .qm).
  // Installing posts QEvent::LanguageChange to every widget, which retranslates itself.
  static bool install(QCoreApplication* app, const QString& language);
  // The language in effect: "en" until install() succeeds with another.
  static QString current();
  // What install() would use for `language`: one of available(), or "" if it is unknown.
  static QString resolve(const QString& language);
};

}  // namespace protext
