# Run by CPack (CPACK_PRE_BUILD_SCRIPTS) once every component is installed
# into its staging folder and before the packages are made: writes what
# Debian policy asks of every package, /usr/share/doc/<package>/copyright
# and changelog.Debian.gz. The changelog entry names CPACK_PACKAGE_CONTACT
# and the time SOURCE_DATE_EPOCH gives (scripts/release sets it to the
# commit's), so the packages of one commit are the same bytes.

if(NOT CPACK_PACKAGE_CONTACT MATCHES "^[^<>]+ <[^<>@ ]+@[^<> ]+>$")
  message(FATAL_ERROR "CPACK_PACKAGE_CONTACT is '${CPACK_PACKAGE_CONTACT}': give the maintainer as 'Name <address>' "
                      "(scripts/release takes DEBFULLNAME and DEBEMAIL, or git's author)")
endif()
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  set(epoch $ENV{SOURCE_DATE_EPOCH})
else()
  string(TIMESTAMP epoch "%s" UTC)
endif()
find_program(DATE_PROGRAM date REQUIRED)
find_program(GZIP_PROGRAM gzip REQUIRED)
execute_process(COMMAND ${DATE_PROGRAM} -u -R -d @${epoch} OUTPUT_VARIABLE changelog_date
  OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)

foreach(component IN LISTS CPACK_COMPONENTS_ALL)
  string(TOUPPER ${component} upper)
  set(package ${CPACK_DEBIAN_${upper}_PACKAGE_NAME})
  set(doc ${CPACK_TEMPORARY_INSTALL_DIRECTORY}/${component}${CPACK_PACKAGING_INSTALL_PREFIX}/share/doc/${package})
  if(NOT IS_DIRECTORY ${CPACK_TEMPORARY_INSTALL_DIRECTORY}/${component})
    message(FATAL_ERROR "no staging folder for the component ${component} under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
  endif()
  file(MAKE_DIRECTORY ${doc})
  file(COPY_FILE ${CPACK_POURA_DEBIAN_COPYRIGHT} ${doc}/copyright)
  file(WRITE ${doc}/changelog.Debian
    "${package} (${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}) unstable; urgency=medium\n\n"
    "  * Poura ${CPACK_PACKAGE_VERSION}, packaged by scripts/release.\n\n"
    " -- ${CPACK_PACKAGE_CONTACT}  ${changelog_date}\n")
  execute_process(COMMAND ${GZIP_PROGRAM} -9nf ${doc}/changelog.Debian COMMAND_ERROR_IS_FATAL ANY)
endforeach()
