#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** One employment of an employee: profession, form, period, extent and the unit or units worked in.
    A person may have several over time (a substitute who is later hired permanently); history is kept,
    an employment is ended by setting `end_date`, never deleted. */
struct employment
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string profession;              // see is_profession
    std::string form;                    // permanent | fixed_term | hourly | substitute | apprenticeship
    std::string start_date;              // YYYY-MM-DD, first day
    std::optional<std::string> end_date; // YYYY-MM-DD, last day, inclusive
    int fte_per_mille = 1000;            // 1000 = full time; the API speaks `fte` as a decimal
    std::vector<std::string> unit_ids;
    millis created_at = 0;
    int version = 1;
};

std::optional<failure> validate(employment const& e);

/** Whether the employment covers `day` (YYYY-MM-DD): started, and not ended before it. */
inline bool current_on(employment const& e, std::string const& day)
{
    return e.start_date <= day && (!e.end_date || *e.end_date >= day);
}

/** Profession codes. Swedish: undersköterska = assistant_nurse, vårdbiträde = care_assistant,
    stödassistent = support_assistant, stödpedagog = support_educator, personlig assistent =
    personal_assistant, sjuksköterska = registered_nurse, arbetsterapeut = occupational_therapist,
    fysioterapeut = physiotherapist, enhetschef = unit_manager. */
bool is_profession(std::string_view p) noexcept;

} // namespace kompetens::core
