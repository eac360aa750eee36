"""Invented names, places and phrases for the demo organisation. Nothing here is about a real
person: first names are common across many communities, and people are known by a first name
and an initial, as many groups do."""

from __future__ import annotations

FIRST_NAMES = (
    "Aaliyah", "Abdul", "Ada", "Adebayo", "Agnieszka", "Ahmed", "Aisha", "Alan", "Alex", "Ali",
    "Amara", "Amir", "Amrit", "Ana", "Andrzej", "Angela", "Anil", "Anita", "Ann", "Arjun",
    "Asha", "Aziz", "Barbara", "Bashir", "Ben", "Bilal", "Blessing", "Bogdan", "Brian", "Bukola",
    "Carlos", "Carol", "Catherine", "Chen", "Chidi", "Chloe", "Chris", "Claire", "Colin", "Dan",
    "Darius", "David", "Dawit", "Deepa", "Delroy", "Denise", "Dev", "Dorota", "Duc", "Ebony",
    "Efua", "Elena", "Emeka", "Emma", "Eric", "Esi", "Fatima", "Femi", "Fiona", "Gareth",
    "Grace", "Gurpreet", "Hamza", "Hannah", "Harpreet", "Hassan", "Hina", "Hui", "Ibrahim",
    "Ifeoma", "Imran", "Irina", "Isaac", "Jamal", "James", "Jan", "Janet", "Jasmine", "Jaswinder",
    "Jermaine", "Jo", "Joanna", "John", "Joseph", "Joy", "Juan", "Kamal", "Karen", "Kasia",
    "Kemi", "Kerry", "Khadija", "Kiran", "Kofi", "Kwame", "Lakshmi", "Laura", "Lee", "Leon",
    "Li", "Lina", "Lucy", "Luis", "Mahmoud", "Mai", "Malik", "Manpreet", "Marcia", "Maria",
    "Mariam", "Mark", "Marta", "Mary", "Maya", "Mehmet", "Mei", "Michael", "Mohammed", "Musa",
    "Nadia", "Naveed", "Nia", "Nicola", "Nkechi", "Noor", "Olu", "Omar", "Patricia", "Paul",
    "Pawel", "Pooja", "Precious", "Priya", "Rachel", "Rahul", "Rashid", "Rebecca", "Reza",
    "Rhiannon", "Rita", "Robert", "Rosa", "Ruth", "Sadia", "Salma", "Sam", "Samir", "Sandra",
    "Sean", "Shabana", "Shanice", "Simon", "Siobhan", "Sofia", "Sunita", "Tariq", "Temi", "Thi",
    "Tomasz", "Tracy", "Tunde", "Usman", "Vikram", "Wei", "Winston", "Yasmin", "Yusuf", "Zainab",
    "Zara", "Zoltan",
)  # fmt: skip

SURNAMES = (
    "Ahmed", "Ali", "Asante", "Baker", "Begum", "Bennett", "Campbell", "Chen", "Clarke", "Davies",
    "Evans", "Francis", "Green", "Gupta", "Hall", "Hughes", "Hussain", "Jones", "Kaur", "Khan",
    "Kowalski", "Lewis", "Mensah", "Morgan", "Murphy", "Nguyen", "Novak", "Okafor", "Owusu",
    "Patel", "Roberts", "Shah", "Singh", "Smith", "Taylor", "Thomas", "Walker", "Williams",
    "Wilson", "Wright", "Yilmaz", "Zhang",
)  # fmt: skip

INITIALS = "ABCDEFGHJKLMNOPRSTWY"

PLACES = (
    "Riverside", "Brookside", "Northgate", "Hillcrest", "Millbank", "Ashfield", "Oakwood",
    "Canal Street", "Westfield", "Eastbrook", "Church Lane", "Market Square", "Parkside",
    "Greenbank", "Southmead", "Highfield", "Victoria Road", "Moorside", "Queens Park", "Fairview",
)  # fmt: skip

BUILDINGS = (
    "Community Centre", "Library", "Methodist Hall", "Family Hub", "Health Centre", "Café",
    "Youth and Community Centre", "Mosque Community Room", "Gurdwara Hall", "Quaker Meeting House",
)  # fmt: skip

DISTRICTS = (
    "BB1", "BB2", "BB3", "BB4", "BB5", "BB6", "BB7", "BB9", "BB10", "BB11", "BB12", "BB18",
    "M8", "M14", "M16", "M19", "M21", "M40", "OL1", "OL4", "OL8", "OL11", "PR1", "PR2", "BL1",
)  # fmt: skip

TOPICS = (
    "Sleep", "Anxiety", "Low mood", "Loneliness", "Benefits and money worries", "Housing",
    "Family and carers", "Work and volunteering", "Medication", "Coping with panic",
    "Grief and loss", "Self-care", "Getting outdoors", "Confidence", "Setting goals",
    "Managing a crisis", "Hearing voices", "Long-term health conditions",
)  # fmt: skip

REFERRAL_DESTINATIONS = (
    "Citizens Advice",
    "Talking therapies (NHS)",
    "GP practice",
    "Community mental health team",
    "Food bank",
    "Housing options team",
    "Carers' centre",
    "Debt advice line",
    "Adult social care",
    "Crisis café",
)

SAFEGUARDING_FOLLOW_UPS = (
    "Spoke with them after the session; agreed they would see their GP this week.",
    "Talked it through with the safeguarding lead; checked in by phone the next day.",
    "Shared crisis line numbers; lead volunteer to follow up on Monday.",
    "Raised with the safeguarding lead; referral made with their agreement.",
)

PERSON_NOTES = (
    "",
    "",
    "",
    "",
    "Prefers to sit near the door.",
    "Likes a text reminder the day before.",
    "Comes with a friend sometimes.",
    "Finds busy rooms hard; arrives early.",
    "Interested in volunteering later on.",
)

SESSION_NOTES = (
    "",
    "",
    "",
    "Good turnout; tea and biscuits went down well.",
    "Quieter week; a relaxed conversation.",
    "Two people shared for the first time.",
    "Room was cold; ask about the heating.",
)

COURSES = (
    ("Safeguarding adults", 3),
    ("Mental health first aid", 3),
    ("Peer support foundations", 0),  # never needs renewing
    ("Data protection and confidentiality", 1),
)

ROLES = (
    "Group facilitator",
    "Peer supporter",
    "Drop-in host",
    "One-to-one listener",
    "Safeguarding lead",
)

CASE_STUDY_TITLES = (
    "Finding my feet again",
    "A reason to leave the house",
    "Not the only one",
    "From the group to volunteering",
    "Getting through the winter",
    "Learning to ask for help",
)

CASE_STUDY_TEXT = (
    "When I first came I hardly spoke. Hearing others talk about the same things made me feel "
    "less alone, and after a few weeks I started to look forward to Tuesdays. I now help set up "
    "the room and I have started a course at the college."
)
