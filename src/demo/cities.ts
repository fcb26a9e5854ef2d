/**
 * The demo network: the fictional Republic of Arcadia's ministry and its missions in real
 * cities, with their real IANA time zones, countries and working weeks.
 *
 * The order matters: `dmd demo --missions N` takes the first N, so the first dozen form a
 * varied showcase (HQ, big capitals, a Friday-Saturday weekend, a Friday-only weekend, a UN
 * mission, a consulate, a high commission).
 */
import type { MissionKind } from "../db/schema.ts";

/** The regions the demo missions are grouped in. */
export const DEMO_REGIONS = ["HQ", "Africa", "Americas", "Asia-Pacific", "Europe", "Middle East"] as const;

/** One of {@link DEMO_REGIONS}. */
export type DemoRegion = (typeof DEMO_REGIONS)[number];

/** The platforms the demo network's handles live on. */
export const DEMO_PLATFORMS = ["x", "facebook", "instagram", "youtube", "tiktok", "linkedin"] as const;

/** One of {@link DEMO_PLATFORMS}. */
export type DemoPlatform = (typeof DEMO_PLATFORMS)[number];

/**
 * Importance of a mission, which sizes its audiences: 0 is the ministry itself, 1 a major
 * capital or organisation, 4 a small post.
 */
export type DemoTier = 0 | 1 | 2 | 3 | 4;

/** One demo mission, as written in the list below. */
export interface DemoCity {
  /** Lowercase slug, unique: `washington`, `new-york-un`. */
  code: string;
  kind: MissionKind;
  city: string;
  country: string;
  region: DemoRegion;
  /** IANA zone of the city. */
  timezone: string;
  /** Weekend days: `sat-sun`, `fri-sat`, `fri`, `sat`. */
  weekend: string;
  tier: DemoTier;
  /**
   * Space-separated words naming the host (country for an embassy, city for a consulate,
   * organisation for a permanent mission) in handles: `United Kingdom`, `New York`, `UN Geneva`.
   */
  tag: string;
  /** A shorter host token for X, whose handles allow 15 characters: `UK`, `NYC`. */
  short?: string;
  /** For a permanent mission: the organisation, as its name reads after "to". */
  org?: string;
  /** Handles that deliberately break the naming standard (the platform is then always present). */
  offStandard?: Partial<Record<DemoPlatform, string>>;
}

const SAT_SUN = "sat-sun";
const FRI_SAT = "fri-sat";

/** The ministry and its missions, in showcase order. */
// biome-ignore format: one mission per line reads as a table
export const DEMO_CITIES: readonly DemoCity[] = [
  // --- showcase: the first dozen cover every kind, region and weekend style ---
  { code: "hq", kind: "hq", city: "Arcadia City", country: "Arcadia", region: "HQ", timezone: "Europe/Athens", weekend: SAT_SUN, tier: 0, tag: "MFA" },
  { code: "washington", kind: "embassy", city: "Washington", country: "United States", region: "Americas", timezone: "America/New_York", weekend: SAT_SUN, tier: 1, tag: "USA" },
  { code: "london", kind: "high_commission", city: "London", country: "United Kingdom", region: "Europe", timezone: "Europe/London", weekend: SAT_SUN, tier: 1, tag: "UK" },
  { code: "riyadh", kind: "embassy", city: "Riyadh", country: "Saudi Arabia", region: "Middle East", timezone: "Asia/Riyadh", weekend: FRI_SAT, tier: 2, tag: "Saudi Arabia", short: "KSA" },
  { code: "new-york-un", kind: "permanent_mission", city: "New York", country: "United States", region: "Americas", timezone: "America/New_York", weekend: SAT_SUN, tier: 1, tag: "UN", org: "the United Nations" },
  { code: "tokyo", kind: "embassy", city: "Tokyo", country: "Japan", region: "Asia-Pacific", timezone: "Asia/Tokyo", weekend: SAT_SUN, tier: 1, tag: "Japan", offStandard: { instagram: "arcadiaembassyjp" } },
  { code: "new-york", kind: "consulate", city: "New York", country: "United States", region: "Americas", timezone: "America/New_York", weekend: SAT_SUN, tier: 3, tag: "New York", short: "NYC" },
  { code: "cairo", kind: "embassy", city: "Cairo", country: "Egypt", region: "Middle East", timezone: "Africa/Cairo", weekend: FRI_SAT, tier: 2, tag: "Egypt" },
  { code: "tehran", kind: "embassy", city: "Tehran", country: "Iran", region: "Middle East", timezone: "Asia/Tehran", weekend: "fri", tier: 3, tag: "Iran" },
  { code: "ottawa", kind: "high_commission", city: "Ottawa", country: "Canada", region: "Americas", timezone: "America/Toronto", weekend: SAT_SUN, tier: 2, tag: "Canada" },
  { code: "nairobi", kind: "high_commission", city: "Nairobi", country: "Kenya", region: "Africa", timezone: "Africa/Nairobi", weekend: SAT_SUN, tier: 2, tag: "Kenya" },
  { code: "geneva-un", kind: "permanent_mission", city: "Geneva", country: "Switzerland", region: "Europe", timezone: "Europe/Zurich", weekend: SAT_SUN, tier: 2, tag: "UN Geneva", org: "the United Nations Office at Geneva" },
  // --- major capitals and organisations ---
  { code: "paris", kind: "embassy", city: "Paris", country: "France", region: "Europe", timezone: "Europe/Paris", weekend: SAT_SUN, tier: 1, tag: "France", offStandard: { linkedin: "ambassade-arcadie-france" } },
  { code: "berlin", kind: "embassy", city: "Berlin", country: "Germany", region: "Europe", timezone: "Europe/Berlin", weekend: SAT_SUN, tier: 1, tag: "Germany", short: "DE", offStandard: { tiktok: "botschaft.arkadien" } },
  { code: "beijing", kind: "embassy", city: "Beijing", country: "China", region: "Asia-Pacific", timezone: "Asia/Shanghai", weekend: SAT_SUN, tier: 1, tag: "China" },
  { code: "new-delhi", kind: "high_commission", city: "New Delhi", country: "India", region: "Asia-Pacific", timezone: "Asia/Kolkata", weekend: SAT_SUN, tier: 1, tag: "India" },
  { code: "brussels-eu", kind: "permanent_mission", city: "Brussels", country: "Belgium", region: "Europe", timezone: "Europe/Brussels", weekend: SAT_SUN, tier: 1, tag: "EU", org: "the European Union" },
  { code: "brasilia", kind: "embassy", city: "Brasília", country: "Brazil", region: "Americas", timezone: "America/Sao_Paulo", weekend: SAT_SUN, tier: 2, tag: "Brazil" },
  { code: "canberra", kind: "high_commission", city: "Canberra", country: "Australia", region: "Asia-Pacific", timezone: "Australia/Sydney", weekend: SAT_SUN, tier: 2, tag: "Australia", short: "AUS" },
  { code: "abu-dhabi", kind: "embassy", city: "Abu Dhabi", country: "United Arab Emirates", region: "Middle East", timezone: "Asia/Dubai", weekend: SAT_SUN, tier: 2, tag: "UAE" },
  { code: "doha", kind: "embassy", city: "Doha", country: "Qatar", region: "Middle East", timezone: "Asia/Qatar", weekend: FRI_SAT, tier: 3, tag: "Qatar" },
  { code: "moscow", kind: "embassy", city: "Moscow", country: "Russia", region: "Europe", timezone: "Europe/Moscow", weekend: SAT_SUN, tier: 2, tag: "Russia" },
  { code: "mexico-city", kind: "embassy", city: "Mexico City", country: "Mexico", region: "Americas", timezone: "America/Mexico_City", weekend: SAT_SUN, tier: 2, tag: "Mexico", offStandard: { facebook: "EmbajadaDeArcadiaMX" } },
  { code: "pretoria", kind: "high_commission", city: "Pretoria", country: "South Africa", region: "Africa", timezone: "Africa/Johannesburg", weekend: SAT_SUN, tier: 2, tag: "South Africa", short: "SA" },
  { code: "singapore", kind: "high_commission", city: "Singapore", country: "Singapore", region: "Asia-Pacific", timezone: "Asia/Singapore", weekend: SAT_SUN, tier: 2, tag: "Singapore", short: "SG" },
  { code: "seoul", kind: "embassy", city: "Seoul", country: "South Korea", region: "Asia-Pacific", timezone: "Asia/Seoul", weekend: SAT_SUN, tier: 2, tag: "Korea" },
  { code: "jakarta", kind: "embassy", city: "Jakarta", country: "Indonesia", region: "Asia-Pacific", timezone: "Asia/Jakarta", weekend: SAT_SUN, tier: 2, tag: "Indonesia", short: "IDN" },
  { code: "ankara", kind: "embassy", city: "Ankara", country: "Türkiye", region: "Europe", timezone: "Europe/Istanbul", weekend: SAT_SUN, tier: 2, tag: "Turkiye", short: "TR" },
  { code: "rome", kind: "embassy", city: "Rome", country: "Italy", region: "Europe", timezone: "Europe/Rome", weekend: SAT_SUN, tier: 2, tag: "Italy", offStandard: { x: "EmbArcadiaRoma" } },
  { code: "madrid", kind: "embassy", city: "Madrid", country: "Spain", region: "Europe", timezone: "Europe/Madrid", weekend: SAT_SUN, tier: 2, tag: "Spain", offStandard: { instagram: "embajadaarcadia" } },
  { code: "brussels-nato", kind: "permanent_mission", city: "Brussels", country: "Belgium", region: "Europe", timezone: "Europe/Brussels", weekend: SAT_SUN, tier: 2, tag: "NATO", org: "NATO" },
  { code: "addis-ababa", kind: "embassy", city: "Addis Ababa", country: "Ethiopia", region: "Africa", timezone: "Africa/Addis_Ababa", weekend: SAT_SUN, tier: 2, tag: "Ethiopia", short: "ETH" },
  { code: "abuja", kind: "high_commission", city: "Abuja", country: "Nigeria", region: "Africa", timezone: "Africa/Lagos", weekend: SAT_SUN, tier: 2, tag: "Nigeria", short: "NG" },
  { code: "buenos-aires", kind: "embassy", city: "Buenos Aires", country: "Argentina", region: "Americas", timezone: "America/Argentina/Buenos_Aires", weekend: SAT_SUN, tier: 2, tag: "Argentina", short: "ARG" },
  // --- Europe ---
  { code: "vienna", kind: "embassy", city: "Vienna", country: "Austria", region: "Europe", timezone: "Europe/Vienna", weekend: SAT_SUN, tier: 3, tag: "Austria", short: "AT" },
  { code: "vienna-un", kind: "permanent_mission", city: "Vienna", country: "Austria", region: "Europe", timezone: "Europe/Vienna", weekend: SAT_SUN, tier: 3, tag: "UN Vienna", org: "the United Nations and the OSCE in Vienna" },
  { code: "brussels", kind: "embassy", city: "Brussels", country: "Belgium", region: "Europe", timezone: "Europe/Brussels", weekend: SAT_SUN, tier: 3, tag: "Belgium", short: "BE" },
  { code: "the-hague", kind: "embassy", city: "The Hague", country: "Netherlands", region: "Europe", timezone: "Europe/Amsterdam", weekend: SAT_SUN, tier: 3, tag: "Netherlands", short: "NL" },
  { code: "stockholm", kind: "embassy", city: "Stockholm", country: "Sweden", region: "Europe", timezone: "Europe/Stockholm", weekend: SAT_SUN, tier: 3, tag: "Sweden" },
  { code: "oslo", kind: "embassy", city: "Oslo", country: "Norway", region: "Europe", timezone: "Europe/Oslo", weekend: SAT_SUN, tier: 3, tag: "Norway" },
  { code: "copenhagen", kind: "embassy", city: "Copenhagen", country: "Denmark", region: "Europe", timezone: "Europe/Copenhagen", weekend: SAT_SUN, tier: 3, tag: "Denmark", short: "DK" },
  { code: "helsinki", kind: "embassy", city: "Helsinki", country: "Finland", region: "Europe", timezone: "Europe/Helsinki", weekend: SAT_SUN, tier: 3, tag: "Finland", short: "FI" },
  { code: "warsaw", kind: "embassy", city: "Warsaw", country: "Poland", region: "Europe", timezone: "Europe/Warsaw", weekend: SAT_SUN, tier: 3, tag: "Poland" },
  { code: "prague", kind: "embassy", city: "Prague", country: "Czechia", region: "Europe", timezone: "Europe/Prague", weekend: SAT_SUN, tier: 3, tag: "Czechia", short: "CZ" },
  { code: "budapest", kind: "embassy", city: "Budapest", country: "Hungary", region: "Europe", timezone: "Europe/Budapest", weekend: SAT_SUN, tier: 3, tag: "Hungary", short: "HU" },
  { code: "bucharest", kind: "embassy", city: "Bucharest", country: "Romania", region: "Europe", timezone: "Europe/Bucharest", weekend: SAT_SUN, tier: 3, tag: "Romania", short: "RO" },
  { code: "athens", kind: "embassy", city: "Athens", country: "Greece", region: "Europe", timezone: "Europe/Athens", weekend: SAT_SUN, tier: 3, tag: "Greece" },
  { code: "belgrade", kind: "embassy", city: "Belgrade", country: "Serbia", region: "Europe", timezone: "Europe/Belgrade", weekend: SAT_SUN, tier: 4, tag: "Serbia" },
  { code: "kyiv", kind: "embassy", city: "Kyiv", country: "Ukraine", region: "Europe", timezone: "Europe/Kyiv", weekend: SAT_SUN, tier: 2, tag: "Ukraine", short: "UA" },
  { code: "lisbon", kind: "embassy", city: "Lisbon", country: "Portugal", region: "Europe", timezone: "Europe/Lisbon", weekend: SAT_SUN, tier: 3, tag: "Portugal", short: "PT" },
  { code: "dublin", kind: "embassy", city: "Dublin", country: "Ireland", region: "Europe", timezone: "Europe/Dublin", weekend: SAT_SUN, tier: 3, tag: "Ireland", short: "IE" },
  { code: "bern", kind: "embassy", city: "Bern", country: "Switzerland", region: "Europe", timezone: "Europe/Zurich", weekend: SAT_SUN, tier: 3, tag: "Switzerland", short: "CH" },
  { code: "nicosia", kind: "high_commission", city: "Nicosia", country: "Cyprus", region: "Europe", timezone: "Asia/Nicosia", weekend: SAT_SUN, tier: 4, tag: "Cyprus" },
  { code: "vilnius", kind: "embassy", city: "Vilnius", country: "Lithuania", region: "Europe", timezone: "Europe/Vilnius", weekend: SAT_SUN, tier: 4, tag: "Lithuania", short: "LT" },
  { code: "riga", kind: "embassy", city: "Riga", country: "Latvia", region: "Europe", timezone: "Europe/Riga", weekend: SAT_SUN, tier: 4, tag: "Latvia" },
  { code: "tallinn", kind: "embassy", city: "Tallinn", country: "Estonia", region: "Europe", timezone: "Europe/Tallinn", weekend: SAT_SUN, tier: 4, tag: "Estonia", short: "EE" },
  { code: "istanbul", kind: "consulate", city: "Istanbul", country: "Türkiye", region: "Europe", timezone: "Europe/Istanbul", weekend: SAT_SUN, tier: 3, tag: "Istanbul", short: "IST" },
  { code: "frankfurt", kind: "consulate", city: "Frankfurt", country: "Germany", region: "Europe", timezone: "Europe/Berlin", weekend: SAT_SUN, tier: 4, tag: "Frankfurt", short: "FRA" },
  // --- Americas ---
  { code: "washington-oas", kind: "permanent_mission", city: "Washington", country: "United States", region: "Americas", timezone: "America/New_York", weekend: SAT_SUN, tier: 3, tag: "OAS", org: "the Organization of American States" },
  { code: "los-angeles", kind: "consulate", city: "Los Angeles", country: "United States", region: "Americas", timezone: "America/Los_Angeles", weekend: SAT_SUN, tier: 3, tag: "Los Angeles", short: "LA" },
  { code: "chicago", kind: "consulate", city: "Chicago", country: "United States", region: "Americas", timezone: "America/Chicago", weekend: SAT_SUN, tier: 4, tag: "Chicago", short: "CHI" },
  { code: "toronto", kind: "consulate", city: "Toronto", country: "Canada", region: "Americas", timezone: "America/Toronto", weekend: SAT_SUN, tier: 3, tag: "Toronto", short: "TOR" },
  { code: "vancouver", kind: "consulate", city: "Vancouver", country: "Canada", region: "Americas", timezone: "America/Vancouver", weekend: SAT_SUN, tier: 4, tag: "Vancouver", short: "VAN" },
  { code: "sao-paulo", kind: "consulate", city: "São Paulo", country: "Brazil", region: "Americas", timezone: "America/Sao_Paulo", weekend: SAT_SUN, tier: 3, tag: "Sao Paulo", short: "SP", offStandard: { instagram: "consuladoarcadiasp" } },
  { code: "santiago", kind: "embassy", city: "Santiago", country: "Chile", region: "Americas", timezone: "America/Santiago", weekend: SAT_SUN, tier: 3, tag: "Chile" },
  { code: "bogota", kind: "embassy", city: "Bogotá", country: "Colombia", region: "Americas", timezone: "America/Bogota", weekend: SAT_SUN, tier: 3, tag: "Colombia", short: "COL" },
  { code: "lima", kind: "embassy", city: "Lima", country: "Peru", region: "Americas", timezone: "America/Lima", weekend: SAT_SUN, tier: 3, tag: "Peru" },
  { code: "caracas", kind: "embassy", city: "Caracas", country: "Venezuela", region: "Americas", timezone: "America/Caracas", weekend: SAT_SUN, tier: 4, tag: "Venezuela", short: "VEN" },
  { code: "havana", kind: "embassy", city: "Havana", country: "Cuba", region: "Americas", timezone: "America/Havana", weekend: SAT_SUN, tier: 4, tag: "Cuba" },
  { code: "kingston", kind: "high_commission", city: "Kingston", country: "Jamaica", region: "Americas", timezone: "America/Jamaica", weekend: SAT_SUN, tier: 4, tag: "Jamaica", short: "JA" },
  { code: "port-of-spain", kind: "high_commission", city: "Port of Spain", country: "Trinidad and Tobago", region: "Americas", timezone: "America/Port_of_Spain", weekend: SAT_SUN, tier: 4, tag: "Trinidad", short: "TT" },
  { code: "quito", kind: "embassy", city: "Quito", country: "Ecuador", region: "Americas", timezone: "America/Guayaquil", weekend: SAT_SUN, tier: 4, tag: "Ecuador", short: "ECU" },
  { code: "montevideo", kind: "embassy", city: "Montevideo", country: "Uruguay", region: "Americas", timezone: "America/Montevideo", weekend: SAT_SUN, tier: 4, tag: "Uruguay", short: "URU" },
  { code: "panama-city", kind: "embassy", city: "Panama City", country: "Panama", region: "Americas", timezone: "America/Panama", weekend: SAT_SUN, tier: 4, tag: "Panama" },
  { code: "san-jose", kind: "embassy", city: "San José", country: "Costa Rica", region: "Americas", timezone: "America/Costa_Rica", weekend: SAT_SUN, tier: 4, tag: "Costa Rica", short: "CR" },
  // --- Africa ---
  { code: "addis-ababa-au", kind: "permanent_mission", city: "Addis Ababa", country: "Ethiopia", region: "Africa", timezone: "Africa/Addis_Ababa", weekend: SAT_SUN, tier: 3, tag: "AU", org: "the African Union" },
  { code: "lagos", kind: "consulate", city: "Lagos", country: "Nigeria", region: "Africa", timezone: "Africa/Lagos", weekend: SAT_SUN, tier: 4, tag: "Lagos", offStandard: { x: "CGArcadiaLagos" } },
  { code: "accra", kind: "high_commission", city: "Accra", country: "Ghana", region: "Africa", timezone: "Africa/Accra", weekend: SAT_SUN, tier: 3, tag: "Ghana" },
  { code: "dakar", kind: "embassy", city: "Dakar", country: "Senegal", region: "Africa", timezone: "Africa/Dakar", weekend: SAT_SUN, tier: 3, tag: "Senegal", short: "SN" },
  { code: "abidjan", kind: "embassy", city: "Abidjan", country: "Côte d'Ivoire", region: "Africa", timezone: "Africa/Abidjan", weekend: SAT_SUN, tier: 3, tag: "Cote d Ivoire", short: "CI" },
  { code: "kinshasa", kind: "embassy", city: "Kinshasa", country: "Democratic Republic of the Congo", region: "Africa", timezone: "Africa/Kinshasa", weekend: SAT_SUN, tier: 4, tag: "DRC" },
  { code: "kampala", kind: "high_commission", city: "Kampala", country: "Uganda", region: "Africa", timezone: "Africa/Kampala", weekend: SAT_SUN, tier: 4, tag: "Uganda" },
  { code: "dar-es-salaam", kind: "high_commission", city: "Dar es Salaam", country: "Tanzania", region: "Africa", timezone: "Africa/Dar_es_Salaam", weekend: SAT_SUN, tier: 3, tag: "Tanzania", short: "TZ" },
  { code: "kigali", kind: "high_commission", city: "Kigali", country: "Rwanda", region: "Africa", timezone: "Africa/Kigali", weekend: SAT_SUN, tier: 4, tag: "Rwanda" },
  { code: "lusaka", kind: "high_commission", city: "Lusaka", country: "Zambia", region: "Africa", timezone: "Africa/Lusaka", weekend: SAT_SUN, tier: 4, tag: "Zambia" },
  { code: "harare", kind: "embassy", city: "Harare", country: "Zimbabwe", region: "Africa", timezone: "Africa/Harare", weekend: SAT_SUN, tier: 4, tag: "Zimbabwe", short: "ZW" },
  { code: "maputo", kind: "high_commission", city: "Maputo", country: "Mozambique", region: "Africa", timezone: "Africa/Maputo", weekend: SAT_SUN, tier: 4, tag: "Mozambique", short: "MOZ" },
  { code: "rabat", kind: "embassy", city: "Rabat", country: "Morocco", region: "Africa", timezone: "Africa/Casablanca", weekend: SAT_SUN, tier: 3, tag: "Morocco", short: "MA" },
  { code: "algiers", kind: "embassy", city: "Algiers", country: "Algeria", region: "Africa", timezone: "Africa/Algiers", weekend: FRI_SAT, tier: 3, tag: "Algeria", short: "DZ" },
  { code: "tunis", kind: "embassy", city: "Tunis", country: "Tunisia", region: "Africa", timezone: "Africa/Tunis", weekend: SAT_SUN, tier: 3, tag: "Tunisia", short: "TN" },
  { code: "yaounde", kind: "high_commission", city: "Yaoundé", country: "Cameroon", region: "Africa", timezone: "Africa/Douala", weekend: SAT_SUN, tier: 4, tag: "Cameroon", short: "CMR" },
  { code: "port-louis", kind: "high_commission", city: "Port Louis", country: "Mauritius", region: "Africa", timezone: "Indian/Mauritius", weekend: SAT_SUN, tier: 4, tag: "Mauritius", short: "MU" },
  { code: "cape-town", kind: "consulate", city: "Cape Town", country: "South Africa", region: "Africa", timezone: "Africa/Johannesburg", weekend: SAT_SUN, tier: 4, tag: "Cape Town", short: "CPT" },
  // --- Middle East ---
  { code: "dubai", kind: "consulate", city: "Dubai", country: "United Arab Emirates", region: "Middle East", timezone: "Asia/Dubai", weekend: SAT_SUN, tier: 3, tag: "Dubai" },
  { code: "jeddah", kind: "consulate", city: "Jeddah", country: "Saudi Arabia", region: "Middle East", timezone: "Asia/Riyadh", weekend: FRI_SAT, tier: 4, tag: "Jeddah", short: "JED" },
  { code: "kuwait", kind: "embassy", city: "Kuwait City", country: "Kuwait", region: "Middle East", timezone: "Asia/Kuwait", weekend: FRI_SAT, tier: 3, tag: "Kuwait", short: "KW" },
  { code: "amman", kind: "embassy", city: "Amman", country: "Jordan", region: "Middle East", timezone: "Asia/Amman", weekend: FRI_SAT, tier: 3, tag: "Jordan" },
  { code: "tel-aviv", kind: "embassy", city: "Tel Aviv", country: "Israel", region: "Middle East", timezone: "Asia/Jerusalem", weekend: FRI_SAT, tier: 3, tag: "Israel" },
  { code: "muscat", kind: "embassy", city: "Muscat", country: "Oman", region: "Middle East", timezone: "Asia/Muscat", weekend: FRI_SAT, tier: 4, tag: "Oman" },
  { code: "manama", kind: "embassy", city: "Manama", country: "Bahrain", region: "Middle East", timezone: "Asia/Bahrain", weekend: FRI_SAT, tier: 4, tag: "Bahrain", short: "BH" },
  { code: "baghdad", kind: "embassy", city: "Baghdad", country: "Iraq", region: "Middle East", timezone: "Asia/Baghdad", weekend: FRI_SAT, tier: 4, tag: "Iraq" },
  { code: "beirut", kind: "embassy", city: "Beirut", country: "Lebanon", region: "Middle East", timezone: "Asia/Beirut", weekend: SAT_SUN, tier: 3, tag: "Lebanon", short: "LB" },
  // --- Asia-Pacific ---
  { code: "shanghai", kind: "consulate", city: "Shanghai", country: "China", region: "Asia-Pacific", timezone: "Asia/Shanghai", weekend: SAT_SUN, tier: 3, tag: "Shanghai", short: "SH" },
  { code: "hong-kong", kind: "consulate", city: "Hong Kong", country: "China", region: "Asia-Pacific", timezone: "Asia/Hong_Kong", weekend: SAT_SUN, tier: 3, tag: "Hong Kong", short: "HK" },
  { code: "mumbai", kind: "consulate", city: "Mumbai", country: "India", region: "Asia-Pacific", timezone: "Asia/Kolkata", weekend: SAT_SUN, tier: 3, tag: "Mumbai" },
  { code: "sydney", kind: "consulate", city: "Sydney", country: "Australia", region: "Asia-Pacific", timezone: "Australia/Sydney", weekend: SAT_SUN, tier: 4, tag: "Sydney" },
  { code: "wellington", kind: "high_commission", city: "Wellington", country: "New Zealand", region: "Asia-Pacific", timezone: "Pacific/Auckland", weekend: SAT_SUN, tier: 3, tag: "New Zealand", short: "NZ" },
  { code: "kuala-lumpur", kind: "high_commission", city: "Kuala Lumpur", country: "Malaysia", region: "Asia-Pacific", timezone: "Asia/Kuala_Lumpur", weekend: SAT_SUN, tier: 3, tag: "Malaysia", short: "MY" },
  { code: "bangkok", kind: "embassy", city: "Bangkok", country: "Thailand", region: "Asia-Pacific", timezone: "Asia/Bangkok", weekend: SAT_SUN, tier: 3, tag: "Thailand", short: "TH" },
  { code: "hanoi", kind: "embassy", city: "Hanoi", country: "Vietnam", region: "Asia-Pacific", timezone: "Asia/Ho_Chi_Minh", weekend: SAT_SUN, tier: 3, tag: "Vietnam", short: "VN" },
  { code: "manila", kind: "embassy", city: "Manila", country: "Philippines", region: "Asia-Pacific", timezone: "Asia/Manila", weekend: SAT_SUN, tier: 3, tag: "Philippines", short: "PH" },
  { code: "islamabad", kind: "high_commission", city: "Islamabad", country: "Pakistan", region: "Asia-Pacific", timezone: "Asia/Karachi", weekend: SAT_SUN, tier: 3, tag: "Pakistan", short: "PK" },
  { code: "dhaka", kind: "high_commission", city: "Dhaka", country: "Bangladesh", region: "Asia-Pacific", timezone: "Asia/Dhaka", weekend: FRI_SAT, tier: 3, tag: "Bangladesh", short: "BD" },
  { code: "colombo", kind: "high_commission", city: "Colombo", country: "Sri Lanka", region: "Asia-Pacific", timezone: "Asia/Colombo", weekend: SAT_SUN, tier: 4, tag: "Sri Lanka", short: "LK" },
  { code: "kathmandu", kind: "embassy", city: "Kathmandu", country: "Nepal", region: "Asia-Pacific", timezone: "Asia/Kathmandu", weekend: "sat", tier: 4, tag: "Nepal" },
  { code: "astana", kind: "embassy", city: "Astana", country: "Kazakhstan", region: "Asia-Pacific", timezone: "Asia/Almaty", weekend: SAT_SUN, tier: 4, tag: "Kazakhstan", short: "KZ" },
  { code: "tashkent", kind: "embassy", city: "Tashkent", country: "Uzbekistan", region: "Asia-Pacific", timezone: "Asia/Tashkent", weekend: SAT_SUN, tier: 4, tag: "Uzbekistan", short: "UZ" },
  { code: "phnom-penh", kind: "embassy", city: "Phnom Penh", country: "Cambodia", region: "Asia-Pacific", timezone: "Asia/Phnom_Penh", weekend: SAT_SUN, tier: 4, tag: "Cambodia", short: "KH" },
  { code: "suva", kind: "high_commission", city: "Suva", country: "Fiji", region: "Asia-Pacific", timezone: "Pacific/Fiji", weekend: SAT_SUN, tier: 4, tag: "Fiji" },
  { code: "port-moresby", kind: "high_commission", city: "Port Moresby", country: "Papua New Guinea", region: "Asia-Pacific", timezone: "Pacific/Port_Moresby", weekend: SAT_SUN, tier: 4, tag: "Papua New Guinea", short: "PNG" },
  // --- beyond the default 120: smaller posts, taken only when more missions are asked for ---
  { code: "edinburgh", kind: "consulate", city: "Edinburgh", country: "United Kingdom", region: "Europe", timezone: "Europe/London", weekend: SAT_SUN, tier: 4, tag: "Edinburgh", short: "EDI" },
  { code: "barcelona", kind: "consulate", city: "Barcelona", country: "Spain", region: "Europe", timezone: "Europe/Madrid", weekend: SAT_SUN, tier: 4, tag: "Barcelona", short: "BCN" },
  { code: "milan", kind: "consulate", city: "Milan", country: "Italy", region: "Europe", timezone: "Europe/Rome", weekend: SAT_SUN, tier: 4, tag: "Milan" },
  { code: "zagreb", kind: "embassy", city: "Zagreb", country: "Croatia", region: "Europe", timezone: "Europe/Zagreb", weekend: SAT_SUN, tier: 4, tag: "Croatia", short: "HR" },
  { code: "sofia", kind: "embassy", city: "Sofia", country: "Bulgaria", region: "Europe", timezone: "Europe/Sofia", weekend: SAT_SUN, tier: 4, tag: "Bulgaria", short: "BG" },
  { code: "valletta", kind: "high_commission", city: "Valletta", country: "Malta", region: "Europe", timezone: "Europe/Malta", weekend: SAT_SUN, tier: 4, tag: "Malta" },
  { code: "houston", kind: "consulate", city: "Houston", country: "United States", region: "Americas", timezone: "America/Chicago", weekend: SAT_SUN, tier: 4, tag: "Houston", short: "HOU" },
  { code: "miami", kind: "consulate", city: "Miami", country: "United States", region: "Americas", timezone: "America/New_York", weekend: SAT_SUN, tier: 4, tag: "Miami" },
  { code: "san-francisco", kind: "consulate", city: "San Francisco", country: "United States", region: "Americas", timezone: "America/Los_Angeles", weekend: SAT_SUN, tier: 4, tag: "San Francisco", short: "SF" },
  { code: "la-paz", kind: "embassy", city: "La Paz", country: "Bolivia", region: "Americas", timezone: "America/La_Paz", weekend: SAT_SUN, tier: 4, tag: "Bolivia", short: "BO" },
  { code: "santo-domingo", kind: "embassy", city: "Santo Domingo", country: "Dominican Republic", region: "Americas", timezone: "America/Santo_Domingo", weekend: SAT_SUN, tier: 4, tag: "Dominican Republic", short: "DR" },
  { code: "guatemala-city", kind: "embassy", city: "Guatemala City", country: "Guatemala", region: "Americas", timezone: "America/Guatemala", weekend: SAT_SUN, tier: 4, tag: "Guatemala", short: "GT" },
  { code: "windhoek", kind: "high_commission", city: "Windhoek", country: "Namibia", region: "Africa", timezone: "Africa/Windhoek", weekend: SAT_SUN, tier: 4, tag: "Namibia", short: "NAM" },
  { code: "gaborone", kind: "high_commission", city: "Gaborone", country: "Botswana", region: "Africa", timezone: "Africa/Gaborone", weekend: SAT_SUN, tier: 4, tag: "Botswana", short: "BW" },
  { code: "luanda", kind: "embassy", city: "Luanda", country: "Angola", region: "Africa", timezone: "Africa/Luanda", weekend: SAT_SUN, tier: 4, tag: "Angola" },
  { code: "guangzhou", kind: "consulate", city: "Guangzhou", country: "China", region: "Asia-Pacific", timezone: "Asia/Shanghai", weekend: SAT_SUN, tier: 4, tag: "Guangzhou", short: "GZ" },
  { code: "osaka", kind: "consulate", city: "Osaka", country: "Japan", region: "Asia-Pacific", timezone: "Asia/Tokyo", weekend: SAT_SUN, tier: 4, tag: "Osaka" },
  { code: "erbil", kind: "consulate", city: "Erbil", country: "Iraq", region: "Middle East", timezone: "Asia/Baghdad", weekend: FRI_SAT, tier: 4, tag: "Erbil" },
];
