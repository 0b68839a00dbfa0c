#include "widgets/common/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>
#include <vector>

namespace protext {

namespace {

QString& currentLanguage() {
  static QString language = QStringLiteral("en");
  return language;
}

// QPointer because the translators are children of the application and die with it; a
// test that makes a second application must not see dangling pointers.
std::vector<QPointer<QTranslator>>& installed() {
  static std::vector<QPointer<QTranslator>> translators;
  return translators;
}

void removeInstalled(QCoreApplication* app) {
  for (const QPointer<QTranslator>& t : installed()) {
    if (!t) continue;
    app->removeTranslator(t);
    delete t.data();
  }
  installed().clear();
}

bool installFile(QCoreApplication* app, const QString& file) {
  auto* translator = new QTranslator(app);
  if (!translator->load(file)) {
    delete translator;
    return false;
  }
  app->installTranslator(translator);
  installed().emplace_back(translator);
  return true;
}

}  // namespace

QStringList Translations::available() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

QString Translations::resolve(const QString& language) {
  const QStringList languages = available();
  if (language.isEmpty() || language.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0) {
    // uiLanguages() is the user's ordered preference list ("zh-Hans-CN", "zh-CN", "en-US"...);
    // the first entry we ship wins, whatever its region or script spelling.
    for (QString ui : QLocale::system().uiLanguages()) {
      ui.replace(QLatin1Char('-'), QLatin1Char('_'));
      const QLocale locale(ui);
      if (locale.language() == QLocale::Chinese && locale.script() != QLocale::TraditionalChineseScript &&
          locale.territory() != QLocale::Taiwan && locale.territory() != QLocale::HongKong &&
          locale.territory() != QLocale::Macau)
        return QStringLiteral("zh_CN");
      if (locale.language() == QLocale::English) return QStringLiteral("en");
    }
    return QStringLiteral("en");
  }
  QString normalized = language;
  normalized.replace(QLatin1Char('-'), QLatin1Char('_'));
  for (const QString& l : languages)
    if (l.compare(normalized, Qt::CaseInsensitive) == 0) return l;
  return {};
}

bool Translations::install(QCoreApplication* app, const QString& language) {
  if (!app) return false;
  const QString resolved = resolve(language);
  if (resolved.isEmpty()) return false;
  removeInstalled(app);
  currentLanguage() = QStringLiteral("en");
  // English is the source text; its catalogue only supplies the singular of "%n classes".
  if (resolved == QLatin1String("en")) return installFile(app, QStringLiteral(":/i18n/protext_en.qm"));

  if (!installFile(app, QStringLiteral(":/i18n/protext_%1.qm").arg(resolved))) return false;
  const QString qtCatalogue = QDir(QLibraryInfo::path(QLibraryInfo::TranslationsPath))
                                  .filePath(QStringLiteral("qtbase_%1.qm").arg(resolved));
  if (QFileInfo::exists(qtCatalogue)) installFile(app, qtCatalogue);
  currentLanguage() = resolved;
  return true;
}

QString Translations::current() { return currentLanguage(); }

}  // namespace protext
