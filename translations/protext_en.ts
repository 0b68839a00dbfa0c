<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AddClasses</name>
    <message numerus="yes">
        <source>Add %n classes</source>
        <translation>
            <numerusform>Add %n class</numerusform>
            <numerusform>Add %n classes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::ClassListEditor</name>
    <message numerus="yes">
        <source>Added %n classes.</source>
        <translation>
            <numerusform>Added %n class.</numerusform>
            <numerusform>Added %n classes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n classes; skipped %1 already in the list: %2.</source>
        <translation>
            <numerusform>Added %n class; skipped %1 already in the list: %2.</numerusform>
            <numerusform>Added %n classes; skipped %1 already in the list: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n classes</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replace the %n classes in the list with those in &apos;%1&apos;? Undo brings them back.</source>
        <translation>
            <numerusform>Replace the %n class in the list with those in &apos;%1&apos;? Undo brings them back.</numerusform>
            <numerusform>Replace the %n classes in the list with those in &apos;%1&apos;? Undo brings them back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n classes from &apos;%1&apos; in place of %2.</source>
        <translation>
            <numerusform>Imported %n class from &apos;%1&apos; in place of %2.</numerusform>
            <numerusform>Imported %n classes from &apos;%1&apos; in place of %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n classes from &apos;%1&apos;.</source>
        <translation>
            <numerusform>Imported %n class from &apos;%1&apos;.</numerusform>
            <numerusform>Imported %n classes from &apos;%1&apos;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n classes to &apos;%1&apos;.</source>
        <translation>
            <numerusform>Saved %n class to &apos;%1&apos;.</numerusform>
            <numerusform>Saved %n classes to &apos;%1&apos;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved descriptions of %n classes to &apos;%1&apos;.</source>
        <translation>
            <numerusform>Saved descriptions of %n class to &apos;%1&apos;.</numerusform>
            <numerusform>Saved descriptions of %n classes to &apos;%1&apos;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generate descriptions for %n classes</source>
        <translation>
            <numerusform>Generate descriptions for %n class</numerusform>
            <numerusform>Generate descriptions for %n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Descriptions from WordNet for %n classes.</source>
        <translation>
            <numerusform>Descriptions from WordNet for %n class.</numerusform>
            <numerusform>Descriptions from WordNet for %n classes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::EvaluatePanel</name>
    <message numerus="yes">
        <source>Finished: %n images</source>
        <translation>
            <numerusform>Finished: %n image</numerusform>
            <numerusform>Finished: %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n images in %1</source>
        <translation>
            <numerusform>Finished: %n image in %1</numerusform>
            <numerusform>Finished: %n images in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files skipped</source>
        <translation>
            <numerusform>%n file skipped</numerusform>
            <numerusform>%n files skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::EvaluationTableModel</name>
    <message numerus="yes">
        <source>Top-1 lies in this range in 95% of %n bootstrap resamples of the images</source>
        <translation>
            <numerusform>Top-1 lies in this range in 95% of %n bootstrap resample of the images</numerusform>
            <numerusform>Top-1 lies in this range in 95% of %n bootstrap resamples of the images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::EvaluationView</name>
    <message numerus="yes">
        <source>%n files skipped</source>
        <translation>
            <numerusform>%n file skipped</numerusform>
            <numerusform>%n files skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::GenerateDescriptionsDialog</name>
    <message numerus="yes">
        <source>Describing %n classes…</source>
        <translation>
            <numerusform>Describing %n class…</numerusform>
            <numerusform>Describing %n classes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n classes described.</source>
        <translation>
            <numerusform>Stopped: %n class described.</numerusform>
            <numerusform>Stopped: %n classes described.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n classes described.</source>
        <translation>
            <numerusform>%n class described.</numerusform>
            <numerusform>%n classes described.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No answer for %n of them; they are left out.</source>
        <translation>
            <numerusform>No answer for %n of them; it is left out.</numerusform>
            <numerusform>No answer for %n of them; they are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>WordNet does not know %n of them; they are left out.</source>
        <translation>
            <numerusform>WordNet does not know %n of them; it is left out.</numerusform>
            <numerusform>WordNet does not know %n of them; they are left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::ImagesPanel</name>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n images</source>
        <translation>
            <numerusform>%1: %n image</numerusform>
            <numerusform>%1: %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Images added: %n</source>
        <translation>
            <numerusform>Images added: %n</numerusform>
            <numerusform>Images added: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Evaluation: %1 (%n images)</source>
        <translation>
            <numerusform>Evaluation: %1 (%n image)</numerusform>
            <numerusform>Evaluation: %1 (%n images)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n images shown</source>
        <translation>
            <numerusform>%1 of %n image shown</numerusform>
            <numerusform>%1 of %n images shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n encoding</source>
        <translation>
            <numerusform>%n encoding</numerusform>
            <numerusform>%n encoding</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:%1&apos;&gt;%n failed&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:%1&apos;&gt;%n failed&lt;/span&gt;</numerusform>
            <numerusform>&lt;span style=&apos;color:%1&apos;&gt;%n failed&lt;/span&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::MainWindow</name>
    <message numerus="yes">
        <source>Examples: %n images of the mini model&apos;s world; pick one to compare the methods.</source>
        <translation>
            <numerusform>Examples: %n image of the mini model&apos;s world; pick it to compare the methods.</numerusform>
            <numerusform>Examples: %n images of the mini model&apos;s world; pick one to compare the methods.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Classified %n images into %1</source>
        <translation>
            <numerusform>Classified %n image into %1</numerusform>
            <numerusform>Classified %n images into %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files skipped</source>
        <translation>
            <numerusform>%n file skipped</numerusform>
            <numerusform>%n files skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n files to %1</source>
        <translation>
            <numerusform>Exported %n file to %1</numerusform>
            <numerusform>Exported %n files to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::MethodComparisonView</name>
    <message numerus="yes">
        <source>%1: the %n most probable classes</source>
        <translation>
            <numerusform>%1: the %n most probable class</numerusform>
            <numerusform>%1: the %n most probable classes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::ModelService</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not shown: %n classes without descriptions (%1). Add descriptions for them in the Classes panel to compare this method.</source>
        <translation>
            <numerusform>Not shown: %n class without descriptions (%1). Add descriptions for them in the Classes panel to compare this method.</numerusform>
            <numerusform>Not shown: %n classes without descriptions (%1). Add descriptions for them in the Classes panel to compare this method.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveClass</name>
    <message numerus="yes">
        <source>Move %n classes</source>
        <translation>
            <numerusform>Move %n class</numerusform>
            <numerusform>Move %n classes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::PairedTableModel</name>
    <message numerus="yes">
        <source>McNemar&apos;s exact test on the %n images the two methods disagree on: the chance of a split at least this uneven if both were equally good</source>
        <translation>
            <numerusform>McNemar&apos;s exact test on the %n image the two methods disagree on: the chance of a split at least this uneven if both were equally good</numerusform>
            <numerusform>McNemar&apos;s exact test on the %n images the two methods disagree on: the chance of a split at least this uneven if both were equally good</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::PreferencesDialog</name>
    <message numerus="yes">
        <source>Threads for work on the CPU; this computer has %n logical cores</source>
        <translation>
            <numerusform>Threads for work on the CPU; this computer has %n logical core</numerusform>
            <numerusform>Threads for work on the CPU; this computer has %n logical cores</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemoveClasses</name>
    <message numerus="yes">
        <source>Remove %n classes</source>
        <translation>
            <numerusform>Remove %n class</numerusform>
            <numerusform>Remove %n classes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>protext::MapPanel</name>
    <message numerus="yes">
        <source>%n classes</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
</context>
</TS>
