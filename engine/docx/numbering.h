// Word's automatic numbering for the .docx reader: which list a paragraph belongs to, and the
// label Word shows for it ("第3条", "(2)", "ア", "1.2").
//
// Built from word/numbering.xml and word/styles.xml:
//   - a paragraph's w:numPr comes from its w:pPr, else from its paragraph style (following
//     w:basedOn; without w:pStyle, the default paragraph style); w:numId and w:ilvl are
//     inherited separately; numId 0 means "not numbered"; a style's numPr without w:ilvl means
//     the level whose w:pStyle names the style, else level 0;
//   - w:num → w:abstractNum, following w:numStyleLink once (to the numbering style's num);
//     w:lvlOverride/w:lvl replaces what it specifies of a level, w:startOverride its start;
//   - counters are kept per abstractNum and level, so w:num instances of one abstractNum
//     continue each other (as Word does); w:startOverride restarts the count where its w:num
//     is first used at that level; a level restarts when a shallower level is used
//     (or as w:lvlRestart says; 0 = never); a level not yet used shows its w:start;
//   - w:lvlText "%1.%2" is expanded with each level's w:numFmt (see number_format.h), all in
//     decimal when the level is w:isLgl; a bullet or numFmt "none" level shows no label.
// What cannot be resolved (a numId without w:num, a missing level) is not numbered, as in Word.
//
// The parts are read with libxml2's SAX2 interface (ParseXmlSax: its protections and error
// messages), keeping only the few elements numbering needs (NumberingDefinitions::Reader): no
// DOM. The definitions (NumberingDefinitions) are immutable and may be shared by every document
// whose numbering and styles parts are identical (the .docx reader caches them: agreements
// written from one template carry the same 350 KB styles part). DocxNumbering adds the counters
// of one document: not thread-safe, one instance per document read.
#ifndef TOKKI_DOCX_NUMBERING_H_
#define TOKKI_DOCX_NUMBERING_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace tokki {

class NumberingDefinitions {
 private:
  class PartTree;  // What the definitions are built from of one part (numbering.cc).

 public:
  static constexpr int kLevels = 9;  // w:ilvl 0..8.

  struct ListRef {
    int num_id = 0;
    int level = 0;
  };
  struct Level {
    int64_t start = 1;
    std::string format = "decimal";
    std::string text;
    std::optional<int> restart;   // w:lvlRestart.
    bool legal = false;           // w:isLgl.
    std::string style;            // w:pStyle.
    bool start_override = false;  // `start` comes from this w:num's w:startOverride.
  };
  using Levels = std::array<std::optional<Level>, kLevels>;

  // What of a paragraph's properties (w:pPr) decides its list: the w:val of w:numPr/w:numId
  // and w:numPr/w:ilvl (nullopt when the element or its w:val is absent) and of w:pStyle.
  struct ParagraphProps {
    std::optional<std::string_view> num_id;
    std::optional<std::string_view> level;
    std::string_view style;  // "" when absent: the default paragraph style.
  };

  // Reads word/numbering.xml and word/styles.xml, in either order, each at most once; a part
  // not read is absent. Then Build(). Only ill-formed XML fails (ParseXmlSax's message, which
  // names the part by `name`); other oddities make paragraphs unnumbered.
  class Reader {
   public:
    Reader();
    ~Reader();
    Status ReadNumbering(std::string_view xml, const std::string& name);
    Status ReadStyles(std::string_view xml, const std::string& name);
    // The definitions of the parts read. The Reader may be destroyed afterwards.
    std::shared_ptr<const NumberingDefinitions> Build() const;

   private:
    std::unique_ptr<PartTree> numbering_;
    std::unique_ptr<PartTree> styles_;
  };

  // No numbering part: nothing is numbered.
  NumberingDefinitions() = default;

  // The list of a paragraph with properties `props` (all absent when it has no w:pPr).
  std::optional<ListRef> Resolve(const ParagraphProps& props) const;

  // The levels of a numId; null when it is not defined.
  const Levels* levels(int num_id) const;

  // The counter a numId uses: one per abstractNum, shared by its w:num instances.
  int counter(int num_id) const;

 private:
  struct Style {
    std::string based_on;
    std::optional<int> num_id;
    std::optional<int> level;
  };

  // Either part may be null (absent).
  NumberingDefinitions(const PartTree* numbering, const PartTree* styles);

  static void ParseLevel(const PartTree& part, uint32_t lvl, Level* level);
  void ParseStyles(const PartTree& part);
  void ParseNumbering(const PartTree& part);

  std::map<std::string, Style, std::less<>> styles_;  // Found by string_view too.
  std::string default_style_;
  std::map<int, Levels> nums_;  // numId → effective levels (overrides applied).
  std::map<int, int> counter_of_;
};

class DocxNumbering {
 public:
  static constexpr int kLevels = NumberingDefinitions::kLevels;
  using ListRef = NumberingDefinitions::ListRef;
  using ParagraphProps = NumberingDefinitions::ParagraphProps;

  explicit DocxNumbering(std::shared_ptr<const NumberingDefinitions> definitions)
      : definitions_(std::move(definitions)) {}

  // NumberingDefinitions::Resolve, remembering the last question and its answer: consecutive
  // paragraphs mostly have the same list properties (body text all of one style).
  std::optional<ListRef> Resolve(const ParagraphProps& props) const;

  // Counts one more paragraph of `ref` (call once per numbered paragraph, in reading order)
  // and returns its label, e.g. "第3条"; "" when the level shows nothing (bullets, "none").
  std::string Next(const ListRef& ref);

 private:
  struct Counters {
    std::array<int64_t, kLevels> value{};
    std::array<bool, kLevels> started{};
  };

  // The last props given to Resolve (copied: the caller's may not outlive the call).
  struct LastResolve {
    bool valid = false;
    bool has_num_id = false;
    bool has_level = false;
    std::string num_id;
    std::string level;
    std::string style;
    std::optional<ListRef> answer;
  };

  std::shared_ptr<const NumberingDefinitions> definitions_;
  mutable LastResolve last_;
  std::map<int, Counters> counters_;         // By NumberingDefinitions::counter().
  std::set<std::pair<int, int>> restarted_;  // (numId, level) whose override was applied.
};

}  // namespace tokki

#endif  // TOKKI_DOCX_NUMBERING_H_
