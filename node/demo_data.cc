// DemoData (node/demo_data.h): realistic values for a Wuhan municipal
// credit feed; every identifier carries its standard check character.
#include "node/demo_data.h"

#include "ledger/subject_id.h"

namespace creditnode::node {
namespace {

// Administrative division codes (GB/T 2260) and their cities, so that a
// subject's identifiers and name agree. Most demo subjects are in Wuhan.
struct Division {
  const char* code;
  const char* city;
};
const Division kDivisions[] = {
    {"420102", "武汉"}, {"420106", "武汉"}, {"420111", "武汉"},
    {"420106", "武汉"}, {"110105", "北京"}, {"310115", "上海"},
    {"440305", "深圳"}, {"120101", "天津"}, {"330106", "杭州"},
};

const char* kFirmWords[] = {"华信", "恒达", "鑫源", "博远", "中科", "天宇",
                            "金盛", "宏图", "长江", "楚天", "东湖", "光谷",
                            "汉阳", "锦程", "瑞丰", "新航"};
const char* kIndustries[] = {
    "科技有限公司",     "建设工程有限公司", "商贸有限公司",
    "食品有限公司",     "物流有限公司",     "医药有限公司",
    "环保科技有限公司", "置业有限公司",     "电子商务有限公司"};
const char* kShops[] = {"便利店", "餐馆",   "五金店",
                        "装饰部", "服装店", "汽车修理部"};
const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨",
                           "赵", "黄", "周", "吴", "徐", "孙"};
const char* kGiven[] = {"伟", "芳",   "娜",   "敏",   "静",   "强",  "磊",
                        "军", "洋",   "勇",   "艳",   "杰",   "涛",  "明",
                        "超", "秀英", "建华", "志强", "海燕", "国庆"};

// The lists a municipal credit centre's demo feed publishes.
struct ListSpec {
  const char* list;
  const char* kind;  // dishonesty or commendation
  const char* conduct;
  const char* instrument;
  const char* article;
  const char* authority;  // a Wuhan authority: "武汉" is prepended
  const char* doc_prefix;
  bool persons;  // may be filed against natural persons
};
const ListSpec kLists[] = {
    {"court.dishonest_debtor", "dishonesty",
     "有履行能力而拒不履行生效法律文书确定的义务",
     "《最高人民法院关于公布失信被执行人名单信息的若干规定》", "第一条",
     "市中级人民法院", "执", true},
    {"tax.major_violation", "dishonesty", "虚开增值税专用发票",
     "《中华人民共和国税收征收管理法》", "第六十三条", "国家税务总局市税务局",
     "税稽罚", false},
    {"market.serious_illegal", "dishonesty", "提交虚假材料取得公司登记",
     "《市场监督管理严重违法失信名单管理办法》", "第十条", "市市场监督管理局",
     "市监处罚", false},
    {"safety.production_dishonest", "dishonesty", "发生较大生产安全事故",
     "《安全生产严重失信主体名单管理办法》", "第五条", "市应急管理局", "应急罚",
     false},
    {"procurement.bad_conduct", "dishonesty", "提供虚假材料谋取中标",
     "《中华人民共和国政府采购法》", "第七十七条", "市财政局", "财采处", false},
    {"tax.grade_a", "commendation", "纳税信用评价为A级",
     "《纳税信用管理办法（试行）》", "第二十二条", "国家税务总局市税务局",
     "税信", false},
    {"customs.aeo_advanced", "commendation", "经认证为海关高级认证企业",
     "《中华人民共和国海关注册登记和备案企业信用管理办法》", "第十六条",
     "武汉海关", "关认", false},
};

constexpr char kUsccBodyChars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

}  // namespace

DemoData::DemoData(uint64_t seed, CivilDate today)
    : rng_(seed), today_(today) {}

int DemoData::Uniform(int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng_);
}

std::string DemoData::Pick(const std::vector<std::string>& options) {
  return options[static_cast<size_t>(
      Uniform(0, static_cast<int>(options.size()) - 1))];
}

std::string DemoData::NewOrgCode() {
  std::string body;
  for (int i = 0; i < 8; ++i) {
    // Mostly digits, as most real organization codes are.
    body += Uniform(0, 9) < 8 ? static_cast<char>('0' + Uniform(0, 9))
                              : kUsccBodyChars[Uniform(10, 30)];
  }
  return body + ledger::OrgCodeCheckChar(body);
}

std::string DemoData::NewUscc(const std::string& division) {
  // '9' registration by market regulation; '1' enterprise, '2' individual
  // business is written '92'.
  std::string body = "91" + division + NewOrgCode();
  return body + ledger::UsccCheckChar(body);
}

std::string DemoData::NewResidentId(const std::string& division) {
  CivilDate birth = CivilDate::FromDays(
      CivilDate::FromYmd(1950, 1, 1)->DaysSinceEpoch() + Uniform(0, 365 * 50));
  char date[9];
  std::snprintf(date, sizeof(date), "%04d%02d%02d", birth.year(), birth.month(),
                birth.day());
  char seq[4];
  std::snprintf(seq, sizeof(seq), "%03d", Uniform(0, 999));
  std::string body = division + date + seq;
  return body + ledger::ResidentIdCheckChar(body);
}

DemoSubject DemoData::NewSubject() {
  const Division& div = kDivisions[Uniform(0, std::size(kDivisions) - 1)];
  auto person_name = [&] {
    return std::string(kSurnames[Uniform(0, std::size(kSurnames) - 1)]) +
           kGiven[Uniform(0, std::size(kGiven) - 1)];
  };
  DemoSubject s;
  s.city = div.city;
  int r = Uniform(0, 99);
  if (r < 70) {
    s.type = "org";
    s.name = std::string(div.city) +
             kFirmWords[Uniform(0, std::size(kFirmWords) - 1)] +
             kFirmWords[Uniform(0, std::size(kFirmWords) - 1)] +
             kIndustries[Uniform(0, std::size(kIndustries) - 1)];
    // Older lists file firms under the organization code alone.
    if (Uniform(0, 9) == 0) {
      s.scheme = "org_code";
      s.id = NewOrgCode();
    } else {
      s.scheme = "uscc";
      s.id = NewUscc(div.code);
    }
    s.legal_rep_name = person_name();
    s.legal_rep_id = NewResidentId(div.code);
  } else if (r < 80) {
    s.type = "individual_business";
    s.name = std::string(div.city) + "市" + person_name() +
             kShops[Uniform(0, std::size(kShops) - 1)];
    std::string body = "92" + std::string(div.code) + NewOrgCode();
    s.scheme = "uscc";
    s.id = body + ledger::UsccCheckChar(body);
  } else {
    s.type = "natural_person";
    s.name = person_name();
    s.scheme = "resident_id";
    s.id = NewResidentId(div.code);
  }
  return s;
}

const DemoSubject& DemoData::PickSubject() {
  if (subjects_.empty() || Uniform(0, 9) < 6) {
    subjects_.push_back(NewSubject());
    return subjects_.back();
  }
  return subjects_[static_cast<size_t>(
      Uniform(0, static_cast<int>(subjects_.size()) - 1))];
}

nlohmann::json DemoData::Decision(const std::string& doc_prefix,
                                  const std::string& authority,
                                  const CivilDate& date) {
  const std::string year = std::to_string(date.year());
  const std::string serial = std::to_string(++doc_serial_);
  // Court case numbers are written （2024）鄂01执123号; other decisions
  // 武税稽罚〔2024〕123号.
  std::string doc_no =
      doc_prefix == "执"
          ? "（" + year + "）鄂01执" + serial + "号"
          : "武" + doc_prefix + "〔" + year + "〕" + serial + "号";
  return {{"doc_no", doc_no},
          {"date", date.ToString()},
          {"authority", {{"name", authority}}}};
}

nlohmann::json DemoData::NextRecord() {
  const DemoSubject& s = PickSubject();
  // Natural persons are listed only as judgment debtors (kLists[0]).
  const ListSpec* spec = s.type == "natural_person"
                             ? &kLists[0]
                             : &kLists[Uniform(0, std::size(kLists) - 1)];
  const bool dishonest = std::string(spec->kind) == "dishonesty";

  // Decisions over the last four years; one in twenty takes effect soon.
  CivilDate decided = today_.AddDays(-Uniform(0, 4 * 365));
  CivilDate effective = decided.AddDays(Uniform(0, 10));
  if (Uniform(0, 19) == 0) {
    decided = today_.AddDays(-Uniform(0, 3));
    effective = today_.AddDays(Uniform(5, 30));
  }
  std::string severity =
      Pick({"minor", "general", "general", "serious", "serious"});
  int min_months = severity == "minor" ? 0 : severity == "general" ? 3 : 12;
  int max_months = severity == "minor" ? 3 : severity == "general" ? 12 : 36;
  if (!dishonest) min_months = 0, max_months = 24;

  nlohmann::json subject = {{"type", s.type},
                            {"name", s.name},
                            {"ids", {{{"scheme", s.scheme}, {"value", s.id}}}}};
  nlohmann::json d = {
      {"kind", spec->kind},
      {"subject", subject},
      {"list", spec->list},
      {"conduct", spec->conduct},
      {"legal_basis",
       {{{"instrument", spec->instrument}, {"article", spec->article}}}},
      {"decision", Decision(spec->doc_prefix,
                            std::string("武汉") + spec->authority, decided)},
      {"effective_from", effective.ToString()},
      {"publish_min_until", effective.AddMonths(min_months).ToString()},
      {"publish_max_until", effective.AddMonths(max_months).ToString()},
  };
  if (dishonest) {
    d["severity"] = severity;
    d["facts"] = "经查，当事人" + std::string(spec->conduct) + "，情节" +
                 (severity == "serious"   ? "严重"
                  : severity == "general" ? "较重"
                                          : "轻微") +
                 "。";
  }
  if (!s.legal_rep_name.empty()) {
    d["associates"] = {
        {{"role", "legal_rep"},
         {"name", s.legal_rep_name},
         {"ids", {{{"scheme", "resident_id"}, {"value", s.legal_rep_id}}}}}};
  }
  if (std::string(spec->list) == "tax.major_violation" && Uniform(0, 1) == 0) {
    d["penalty"] = {{"class", "罚款"},
                    {"content", "处以少缴税款一倍的罚款"},
                    {"fine_amount", std::to_string(Uniform(1, 500)) + ".00"}};
  }
  const bool is_public = s.type != "natural_person" || spec->persons;
  d["public"] = is_public;
  d["share_scope"] = is_public ? "public" : "federation";
  return d;
}

nlohmann::json DemoData::Repair(const std::string& origin, uint64_t index,
                                const nlohmann::json& record) {
  nlohmann::json d = {
      {"kind", "repair"},
      {"target", {{"origin", origin}, {"index", index}}},
      {"reason", "当事人已履行义务并提交信用承诺书，经审核符合信用修复条件"},
      {"outcome", Pick({"stop_public_display", "remove_from_list"})},
      {"legal_basis",
       {{{"instrument", "《失信行为纠正后的信用信息修复管理办法（试行）》"},
         {"article", "第十条"}}}},
      {"decision",
       Decision("信修", record["decision"]["authority"]["name"], today_)},
  };
  return d;
}

nlohmann::json DemoData::Revocation(const std::string& origin, uint64_t index) {
  return {
      {"kind", "revocation"},
      {"target", {{"origin", origin}, {"index", index}}},
      {"reason", "原处罚决定经行政复议被撤销"},
      {"cause", "decision_revoked"},
      {"legal_basis",
       {{{"instrument", "《中华人民共和国行政复议法》"},
         {"article", "第六十四条"}}}},
      {"decision", Decision("复决", "市人民政府", today_)},
  };
}

nlohmann::json DemoData::Correction(const std::string& origin, uint64_t index,
                                    const nlohmann::json& record) {
  nlohmann::json replacement = record;
  replacement["conduct"] = std::string(record["conduct"]) + "（更正）";
  if (replacement.contains("facts")) {
    replacement["facts"] = "经复核，原公示事实表述有误，现更正为：" +
                           std::string(record["conduct"]) + "。";
  }
  return {
      {"kind", "correction"},
      {"target", {{"origin", origin}, {"index", index}}},
      {"reason", "异议核实后更正原记录中的违法事实表述"},
      {"replacement", replacement},
      {"legal_basis",
       {{{"instrument", "《公共信用信息异议处理办法》"},
         {"article", "第十二条"}}}},
      {"decision",
       Decision("更正", record["decision"]["authority"]["name"], today_)},
  };
}

nlohmann::json DemoData::ObjectionOpened(const std::string& origin,
                                         uint64_t index) {
  return {
      {"kind", "objection_opened"},
      {"target", {{"origin", origin}, {"index", index}}},
      {"reason", "当事人提出异议，称记录所列行为主体有误"},
      {"ground", "error_or_omission"},
      {"due_date", today_.AddDays(7).ToString()},
      {"legal_basis",
       {{{"instrument", "《公共信用信息异议处理办法》"},
         {"article", "第六条"}}}},
      {"decision", Decision("异受", "市公共信用信息中心", today_)},
  };
}

nlohmann::json DemoData::ObjectionClosed(const std::string& origin,
                                         uint64_t objection_index,
                                         bool upheld) {
  return {
      {"kind", "objection_closed"},
      {"target", {{"origin", origin}, {"index", objection_index}}},
      {"reason", upheld ? "经核实异议成立" : "经核实原记录无误，异议不成立"},
      {"outcome", upheld ? "upheld" : "dismissed"},
      {"legal_basis",
       {{{"instrument", "《公共信用信息异议处理办法》"},
         {"article", "第十条"}}}},
      {"decision", Decision("异复", "市公共信用信息中心", today_)},
  };
}

}  // namespace creditnode::node
