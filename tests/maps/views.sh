# Sourced by the map tests: for_each_view FUNCTION calls
#   FUNCTION DATASET VIEW [--focus ID]
# for every view of both bundled datasets, with a focus where the view
# needs one.
for_each_view() {
  for ds in deventer zwolle; do
    case $ds in
      deventer) ego=gemeente-deventer place=uganda ;;
      zwolle) ego=gemeente-zwolle place=netherlands ;;
    esac
    for view in klaverblad ego place sectors synergy; do
      case $view in
        ego) "$1" $ds $view --focus $ego ;;
        place) "$1" $ds $view --focus $place ;;
        *) "$1" $ds $view ;;
      esac
    done
  done
}
