"""Name pools for generated patients and staff: a mix of languages, with non-ASCII letters
(ø, ł, ñ, ễ, ß …) so that accent-insensitive search is exercised at scale."""

from __future__ import annotations

FAMILY_NAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodríguez",
    "Martínez", "Hernández", "López", "González", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez",
    "Clark", "Ramírez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyễn", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Müller", "Schmidt", "Schneider",
    "Fischer", "Weiß", "Schäfer", "Köhler", "Ødegård", "Østergaard", "Sørensen", "Björk",
    "Åkesson", "Lindqvist", "Kowalski", "Wiśniewska", "Wójcik", "Łukasik", "Zieliński",
    "Nowak", "Dvořák", "Novotná", "Kovačević", "Žukauskas", "Horváth", "Szabó", "Nagy",
    "Dubois", "Lefèvre", "Moreau", "Girard", "François", "Rossi", "Russo", "Esposito",
    "Bianchi", "Ferrari", "O'Brien", "O'Connor", "Murphy", "Ó Súilleabháin", "MacDonald",
    "Kim", "Park", "Choi", "Tanaka", "Suzuki", "Watanabe", "Chen", "Wang", "Li", "Zhang",
    "Patel", "Shah", "Singh", "Gupta", "Haddad", "Khoury", "Nasser", "Yılmaz", "Kaya",
    "Demir", "Papadopoulos", "Oliveira", "Gonçalves", "Conceição", "Ibáñez", "Muñoz",
    "Núñez", "Peña", "Ivanova", "Petrov", "Kuznetsov", "Okafor", "Adeyemi", "Mensah",
    "Van der Berg", "De Vries", "Jansen", "Nieminen", "Mäkinen", "Virtanen",
)

GIVEN_NAMES: tuple[str, ...] = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
    "Sarah", "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty",
    "Anthony", "Sandra", "Mark", "Ashley", "Donald", "Emily", "Steven", "Michelle", "Andrew",
    "Amanda", "Joshua", "Melissa", "Kenneth", "Stephanie", "Zoë", "José", "María", "Łucja",
    "Siobhán", "Văn Minh", "Thị Lan", "André", "Layla", "Gunnar", "Søren", "Åsa", "Björn",
    "Jürgen", "Günther", "Renée", "Hélène", "Céline", "François", "Benoît", "Chloé", "Zoé",
    "Małgorzata", "Paweł", "Wojciech", "Jiří", "Tomáš", "Dóra", "Ágnes", "Ioana", "Mihály",
    "Niamh", "Aoife", "Seán", "Pádraig", "Eoghan", "Sinéad", "Yuki", "Haruto", "Min-jun",
    "Seo-yeon", "Wei", "Fang", "Priya", "Arjun", "Ananya", "Rahul", "Fatima", "Omar",
    "Youssef", "Nour", "Elif", "Mehmet", "Çağla", "Ayşe", "Giulia", "Luca", "Matteo",
    "Sofía", "Lucía", "Martín", "Inês", "João", "Conceição", "Chiamaka", "Oluwaseun", "Kwame",
    "Ngozi", "Aleksandr", "Natália", "Dmitri", "Anneliese", "Joëlle", "Noël", "Maël",
)

ESCORTS: tuple[str, ...] = (
    "spouse", "husband", "wife", "partner", "daughter", "son", "sister", "brother", "friend",
    "mother", "father", "neighbour",
)

ALLERGIES: tuple[str, ...] = (
    "Penicillin", "Latex", "Sulfa drugs", "Codeine", "Ondansetron (rash)", "Iodine contrast",
    "Adhesive tape", "Aspirin", "Morphine (itching)", "Peanuts",
)

NOTES: tuple[str, ...] = (
    "Patient asked for the lights dimmed and music; settled well.",
    "Reports better sleep since the last session.",
    "IV re-sited to left forearm after first cannula tissued.",
    "Escort will wait in the lobby; phone number confirmed.",
    "Patient anxious at start, reassured; eyes closed with headphones.",
    "Discussed series schedule; next appointment booked at the front desk.",
    "Pain diary reviewed: fewer flare-ups this week.",
    "Blanket given, patient felt cold during the infusion.",
)

STAFF_NURSES: tuple[tuple[str, str], ...] = (
    ("Ana", "Müller"), ("Benoît", "Lefèvre"), ("Grace", "Oyelaran"), ("Tomás", "Ibáñez"),
    ("Hannah", "Kowalczyk"), ("Ingrid", "Sørensen"), ("Marcus", "Webb"), ("Priya", "Raman"),
    ("Ewa", "Zielińska"), ("Daniel", "O'Hara"),
)
STAFF_PHYSICIANS: tuple[tuple[str, str], ...] = (
    ("Chiamaka", "Okafor"), ("Henrik", "Åberg"), ("Lucía", "Fernández"),
)
