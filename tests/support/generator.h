#pragma once

#include "domain/incident.h"

#include <QIODevice>
#include <cstdint>
#include <random>

// The deterministic incident generator for benchmarks and scale tests: the same
// (seed, n) always gives the same records, byte for byte, on any machine.
// 200 victim countries with a Zipf spread, start days uniform over 2000-2026, 70 % day /
// 20 % month / 10 % year precision, 15 % with durations, 10 % multi-country, summaries of
// 100 to 400 characters, every type and sector.
class Generator
{
public:
    explicit Generator(std::uint64_t seed = 1);

    Incident next(); // the next record; ids are "g-<n>" in order

    // Writes n records in the faultline CSV / JSON format.
    static void writeCsv(QIODevice *out, int n, std::uint64_t seed = 1);
    static void writeJson(QIODevice *out, int n, std::uint64_t seed = 1);

    static constexpr int s_countryCount = 200;

private:
    std::uint64_t below(std::uint64_t n) { return m_rng() % n; }
    double unit() { return double(m_rng() >> 11) * (1.0 / 9007199254740992.0); }
    int zipfCountry();

    std::mt19937_64 m_rng;
    QStringList m_countries; // 200 alpha-2 codes in a fixed order
    std::vector<double> m_zipf; // cumulative weights
    qint64 m_serial = 0;
};
