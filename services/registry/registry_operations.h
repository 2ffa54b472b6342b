/*  registry_operations: every operation of the registry service and every topic
    of its events, declared once.

    Each line: the request's member (and the handler registry_<name>), its kind
    (READ, WRITE, ADMIN), the reply's member, what it does in one line, and
    the dotted paths of its message the handler refuses to go without. The
    runtime serves the table made from it and Describe tells clients all of
    it (see pps_service.h); protocol.python_client holds the required paths
    to what the handlers refuse.
*/
#ifndef REGISTRY_OPERATIONS_H_INCLUDED
#define REGISTRY_OPERATIONS_H_INCLUDED

#define REGISTRY_OPERATIONS(OP, P) \
    OP (P, create_region, WRITE, region,\
        "Add an ARS region, by its INSEE code and name.", "code name") \
    OP (P, update_region, WRITE, region,\
        "Rename a region or its ARS, found by its INSEE code.", "code name") \
    OP (P, get_region, READ, region,\
        "Show one region, by its INSEE code.", "region_code") \
    OP (P, list_regions, READ, regions,\
        "List every region.", "") \
    OP (P, create_directorate, WRITE, directorate,\
        "Add a DISP or DIRPJJ directorate: unique code, name, regions served.", "kind code name") \
    OP (P, update_directorate, WRITE, directorate,\
        "Change a directorate; "\
        "one with establishments attached stays a DISP.", "id kind code name") \
    OP (P, get_directorate, READ, directorate,\
        "Show one directorate.", "id") \
    OP (P, list_directorates, READ, directorates,\
        "List the directorates, by region served or by kind.", "") \
    OP (P, create_establishment, WRITE, establishment,\
        "Add a prison establishment: ministry code, name, "\
        "kind, region and DISP.", "code name kind region_code") \
    OP (P, update_establishment, WRITE, establishment,\
        "Change an establishment; its referents and health units "\
        "must fit its open dates.", "id code name kind region_code") \
    OP (P, get_establishment, READ, establishment,\
        "Show one establishment.", "id") \
    OP (P, list_establishments, READ, establishments,\
        "List the establishments, by region, kind, DISP, minors held or open on a date.", "") \
    OP (P, import_establishments, WRITE, import_report,\
        "Load the ministry's list of establishments; "\
        "if any row is wrong, nothing is imported.", "rows") \
    OP (P, create_hospital, WRITE, hospital,\
        "Add a region's reference hospital, with its FINESS number if known.", "name region_code") \
    OP (P, update_hospital, WRITE, hospital,\
        "Change a hospital: name, region, FINESS number, medical project.", "id name region_code") \
    OP (P, get_hospital, READ, hospital,\
        "Show one hospital.", "id") \
    OP (P, list_hospitals, READ, hospitals,\
        "List the hospitals, of one region or of all.", "") \
    OP (P, create_health_unit, WRITE, health_unit,\
        "Add a health unit (USMP) run by a hospital in an establishment, "\
        "within its open dates.", "name establishment_id hospital_id") \
    OP (P, update_health_unit, WRITE, health_unit,\
        "Change a health unit; it must stay within its establishment's "\
        "open dates.", "id name establishment_id hospital_id") \
    OP (P, get_health_unit, READ, health_unit,\
        "Show one health unit.", "id") \
    OP (P, list_health_units, READ, health_units,\
        "List the health units, by region, establishment or hospital.", "") \
    OP (P, create_partner, WRITE, partner,\
        "Add a partner organisation of a region, such as an IREPS, "\
        "a CSAPA or an association.", "name kind region_code") \
    OP (P, update_partner, WRITE, partner,\
        "Change a partner organisation.", "id name kind region_code") \
    OP (P, get_partner, READ, partner,\
        "Show one partner organisation.", "id") \
    OP (P, list_partners, READ, partners,\
        "List the partner organisations, by region or kind.", "") \
    OP (P, create_person, WRITE, person,\
        "Add a staff member: name, organisation, "\
        "role and work contact, nothing more.", "full_name region_code") \
    OP (P, update_person, WRITE, person,\
        "Change a staff member's name, organisation, role, "\
        "work contact or region.", "id full_name region_code") \
    OP (P, get_person, READ, person,\
        "Show one staff member.", "id") \
    OP (P, list_persons, READ, persons,\
        "List the staff members, by region or professional category.", "") \
    OP (P, designate, WRITE, designation,\
        "Name a referent for a region or an establishment; one holder per post, "\
        "except USMP referents.", "role start_date person_id") \
    OP (P, end_designation, WRITE, designation,\
        "End a referent's designation on a date, with a reason; "\
        "it stays in the history.", "end_date reason id") \
    OP (P, get_designation, READ, designation,\
        "Show one referent designation.", "id") \
    OP (P, list_designations, READ, designations,\
        "List the referent designations, by region, "\
        "role, establishment, person or active date.", "") \
    OP (P, scope_history, READ, designations,\
        "Show every referent designation of a region or of one establishment, oldest first.",\
        "establishment_id|region_code") \
    OP (P, vacancies, READ, vacancy_list,\
        "List a region's referent posts left vacant on a date (today by default).", "region_code") \
    OP (P, put_programme, WRITE, programme,\
        "Record or replace a region's programme: period, priority themes, "\
        "DISP coordination.", "period_start period_end region_code") \
    OP (P, get_programme, READ, programme,\
        "Show a region's programme.", "region_code") \
    OP (P, create_cpom, WRITE, cpom,\
        "Add a CPOM contract: "\
        "the ARS with one partner or one hospital of its region.", "title start_date region_code") \
    OP (P, update_cpom, WRITE, cpom,\
        "Change a CPOM contract; "\
        "it stays with one partner or hospital of its region.", "id title start_date region_code") \
    OP (P, get_cpom, READ, cpom,\
        "Show one CPOM contract.", "id") \
    OP (P, list_cpoms, READ, cpoms,\
        "List the CPOM contracts, of one region or of all.", "") \
    OP (P, create_regional_committee, WRITE, regional_committee,\
        "Record the creation of a regional committee; "\
        "a region has one sitting at a time.", "created_on region_code") \
    OP (P, dissolve_regional_committee, WRITE, regional_committee,\
        "Dissolve a regional committee from a date; "\
        "none of its meetings may fall on or after it.", "date id") \
    OP (P, get_regional_committee, READ, regional_committee,\
        "Show a region's latest regional committee.", "region_code") \
    OP (P, create_working_group, WRITE, working_group,\
        "Add a regional working group for one year, "\
        "with its title and theme.", "year title region_code") \
    OP (P, update_working_group, WRITE, working_group,\
        "Change a working group; "\
        "its year must stay that of its meetings.", "id year title region_code") \
    OP (P, list_working_groups, READ, working_groups,\
        "List the working groups, by region or year.", "") \
    OP (P, create_steering_committee, WRITE, steering_committee,\
        "Constitute an establishment's steering committee; "\
        "only one sits at a time.", "constituted_on establishment_id") \
    OP (P, dissolve_steering_committee, WRITE, steering_committee,\
        "Dissolve a steering committee from a date; "\
        "none of its meetings may fall on or after it.", "date id") \
    OP (P, get_steering_committee, READ, steering_committee,\
        "Show one steering committee with its members.", "id") \
    OP (P, list_steering_committees, READ, steering_committees,\
        "List the steering committees, by region, establishment or sitting on a date.", "") \
    OP (P, add_member, WRITE, steering_committee,\
        "Add a member to a sitting steering committee; "\
        "a detainee representative is never named.", "member member.category committee_id") \
    OP (P, remove_member, WRITE, steering_committee,\
        "Remove a member, by position, from a sitting steering committee.", "committee_id") \
    OP (P, missing_categories, READ, missing,\
        "List the member categories a steering committee still lacks.", "id") \
    OP (P, create_meeting, WRITE, meeting,\
        "Record a meeting of a committee or working group, "\
        "on a day it sits, with who attended.", "body_kind body_id date") \
    OP (P, update_meeting, WRITE, meeting,\
        "Change a meeting: the body that met, its date, "\
        "title or attendance.", "id body_kind body_id date") \
    OP (P, get_meeting, READ, meeting,\
        "Show one meeting with its attendance.", "id") \
    OP (P, list_meetings, READ, meetings,\
        "List the meetings, by region, body or period.", "") \
    OP (P, meeting_stats, READ, meeting_stats,\
        "Count the meetings and the distinct people and organisations that attended them.", "")

//  The topics of its events, "registry.<entity>.<verb>" on its PUB socket.
#define REGISTRY_TOPICS \
    "region.created", "region.updated", "directorate.created", "directorate.updated", \
    "establishment.created", "establishment.updated", "hospital.created", \
    "hospital.updated", "health_unit.created", "health_unit.updated", "partner.created", \
    "partner.updated", "person.created", "person.updated", "designation.created", \
    "designation.ended", "programme.created", "programme.updated", "cpom.created", \
    "cpom.updated", "regional_committee.created", "regional_committee.dissolved", \
    "working_group.created", "working_group.updated", "steering_committee.created", \
    "steering_committee.updated", "steering_committee.dissolved", "meeting.created", \
    "meeting.updated"

#endif
