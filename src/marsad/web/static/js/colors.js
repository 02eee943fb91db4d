// One colour per PLOVER category (the map's markers, the timeline's bars, the table's dots),
// and one per evidence field (the highlights of the event page).

export const CATEGORY_COLORS = {
  ASSAULT: "#d7301f",
  COERCE: "#a6611a",
  PROTEST: "#7b3294",
  MOBILIZE: "#e66101",
  THREATEN: "#fdae61",
  SANCTION: "#c51b7d",
  REJECT: "#b2182b",
  ACCUSE: "#f1a340",
  REQUEST: "#4575b4",
  DEMAND: "#4575b4",
  CONSULT: "#1b9e77",
  AGREE: "#4dac26",
  SUPPORT: "#91cf60",
  COOPERATE: "#0571b0",
  AID: "#66c2a5",
  CONCEDE: "#8c96c6",
  RETREAT: "#969696",
  INVESTIGATE: "#756bb1",
};
const OTHER = "#7f7f7f";

export function categoryColor(category) {
  return CATEGORY_COLORS[String(category || "").toUpperCase()] || OTHER;
}

// Field names the extractor records evidence for, with a label and a highlight class.
export const FIELDS = [
  ["trigger", "what happened"],
  ["actor1", "actor"],
  ["actor2", "recipient"],
  ["where", "where"],
  ["when", "when"],
  ["killed", "killed"],
  ["injured", "injured"],
  ["casualties", "casualties"],
  ["count", "count"],
  ["said_by", "according to"],
];

export function fieldClass(field) {
  const known = FIELDS.findIndex(([name]) => name === field);
  return known >= 0 ? `f-${FIELDS[known][0]}` : "f-other";
}

export function fieldLabel(field) {
  const known = FIELDS.find(([name]) => name === field);
  return known ? known[1] : field.replace(/_/g, " ");
}
